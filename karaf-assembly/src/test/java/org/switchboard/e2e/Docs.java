package org.switchboard.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The examples of the repository's docs/, so the tests prove what the documentation shows. */
final class Docs {
  private Docs() {}

  /**
   * The fenced YAML block of a doc whose first line is {@code # <marker>}.
   *
   * @throws AssertionError when the doc has no such block
   */
  static String example(String doc, String marker) throws IOException {
    Path file = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve(doc);
    Matcher m =
        Pattern.compile("```yaml\\n(# " + Pattern.quote(marker) + "\\n.*?)```", Pattern.DOTALL)
            .matcher(Files.readString(file));
    if (!m.find()) {
      throw new AssertionError(file + " has no YAML example '# " + marker + "'");
    }
    return m.group(1);
  }
}
