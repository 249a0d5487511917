package org.switchboard.core.api;

import java.util.regex.Pattern;

/**
 * Rules for the ids that admins choose (queues, skills, agents, teams): short, stable, safe in
 * URLs, shell arguments and event subjects.
 */
public final class Identifiers {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private Identifiers() {}

  /**
   * Checks an admin-chosen id.
   *
   * @param field the field name reported on failure
   * @param value the id
   * @return the id, unchanged
   * @throws ValidationException when it is missing or not 1-64 letters, digits, '.', '_' or '-'
   */
  public static String requireName(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new ValidationException(field, "is required");
    }
    if (!NAME.matcher(value).matches()) {
      throw new ValidationException(
          field,
          "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit, got '"
              + value
              + "'");
    }
    return value;
  }

  /** Checks that a value is present. */
  public static <T> T require(String field, T value) {
    if (value == null) {
      throw new ValidationException(field, "is required");
    }
    return value;
  }
}
