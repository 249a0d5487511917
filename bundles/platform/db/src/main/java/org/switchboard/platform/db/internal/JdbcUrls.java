package org.switchboard.platform.db.internal;

import java.util.regex.Pattern;

/** Removes credentials from JDBC URLs and driver messages before they are shown or logged. */
final class JdbcUrls {
  private static final Pattern SECRET_PARAM =
      Pattern.compile("(?i)\\b(password|pwd|passwd|secret|user|username)=([^;&\\s]*)");
  private static final Pattern USER_INFO = Pattern.compile("//[^/@\\s]+@");

  private JdbcUrls() {}

  /** The text with user names and passwords replaced by {@code ***}. */
  static String redact(String text) {
    if (text == null) {
      return "";
    }
    String withoutParams = SECRET_PARAM.matcher(text).replaceAll("$1=***");
    return USER_INFO.matcher(withoutParams).replaceAll("//***@");
  }
}
