package org.switchboard.media.tts;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The {@code voices} setting: which espeak-ng voice speaks which language. */
final class Voices {
  private Voices() {}

  /**
   * Reads entries {@code <language>=<voice>}, e.g. {@code zh=cmn}.
   *
   * @throws IllegalArgumentException for an entry of another form or a voice name espeak-ng would
   *     take as an option
   */
  static Map<String, String> parse(java.util.List<String> entries) {
    Map<String, String> voices = new HashMap<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      String voice = eq < 0 ? "" : entry.substring(eq + 1).strip();
      if (eq <= 0 || !voice.matches("[A-Za-z0-9_+-]+") || voice.startsWith("-")) {
        throw new IllegalArgumentException(
            "voices entry '" + entry + "' must be <language>=<espeak-ng voice>, e.g. zh=cmn");
      }
      voices.put(primary(entry.substring(0, eq)), voice);
    }
    return voices;
  }

  /** The primary language subtag, lower case: {@code zh-CN} is {@code zh}. */
  static String primary(String language) {
    String l = language.strip().toLowerCase(Locale.ROOT);
    int dash = l.indexOf('-');
    int underscore = l.indexOf('_');
    int cut = dash < 0 ? underscore : underscore < 0 ? dash : Math.min(dash, underscore);
    return cut < 0 ? l : l.substring(0, cut);
  }
}
