package org.switchboard.core.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Multi-valued settings as admins write them. A {@code .cfg} file in {@code etc/} holds plain
 * strings, so {@code routes = 100=queue:support, 101=queue:billing} arrives as one value; set
 * through the web console or {@code config:property-set} it arrives as several. Both mean the same
 * list here.
 */
public final class ConfigValues {
  private ConfigValues() {}

  /**
   * The entries of a multi-valued setting: every value split at commas, each entry stripped, empty
   * ones dropped. For settings whose entries never contain a comma.
   */
  public static List<String> list(String... values) {
    List<String> out = new ArrayList<>();
    if (values == null) {
      return out;
    }
    for (String value : values) {
      if (value == null) {
        continue;
      }
      for (String entry : value.split(",")) {
        String e = entry.strip();
        if (!e.isEmpty()) {
          out.add(e);
        }
      }
    }
    return out;
  }
}
