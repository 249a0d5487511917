package org.switchboard.reports.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.switchboard.core.api.ValidationException;

/**
 * A parameter of a report.
 *
 * @param name the key its value is given under
 * @param label how a form labels it
 * @param type what kind of value it takes
 * @param required whether a value must be given (else {@code defaultValue} applies)
 * @param defaultValue the value when none is given, null for none
 * @param choices the allowed values of a {@link Type#CHOICE}; empty otherwise
 */
public record ReportParameter(
    String name,
    String label,
    Type type,
    boolean required,
    String defaultValue,
    List<String> choices) {

  /** The kinds of values. */
  public enum Type {
    /** An instant, ISO-8601 ({@code 2026-12-01T00:00:00Z}). */
    INSTANT,
    /** A duration, ISO-8601 ({@code PT20S}) or whole seconds. */
    DURATION,
    /** A whole number. */
    INTEGER,
    /** Free text (a queue id, an agent id); empty means "all". */
    TEXT,
    /** One of {@code choices}. */
    CHOICE
  }

  public ReportParameter {
    choices = choices == null ? List.of() : List.copyOf(choices);
    if (type == Type.CHOICE && choices.isEmpty()) {
      throw new ValidationException("choices", "a choice parameter needs choices");
    }
  }

  /** A parameter with no choices. */
  public static ReportParameter of(
      String name, String label, Type type, boolean required, String defaultValue) {
    return new ReportParameter(name, label, type, required, defaultValue, List.of());
  }

  /**
   * Checks a value given for this parameter.
   *
   * @return the value, stripped
   * @throws ValidationException naming the parameter and what it takes
   */
  public String check(String value) {
    String v = value == null ? "" : value.strip();
    if (v.isEmpty()) {
      if (required) {
        throw new ValidationException(name, "is required");
      }
      return v;
    }
    try {
      switch (type) {
        case INSTANT -> Instant.parse(v);
        case DURATION -> parseDuration(v);
        case INTEGER -> Long.parseLong(v);
        case CHOICE -> {
          if (!choices.contains(v)) {
            throw new ValidationException(name, "must be one of " + choices + ", got '" + v + "'");
          }
        }
        case TEXT -> {
          if (v.length() > 200) {
            throw new ValidationException(name, "at most 200 characters");
          }
        }
      }
    } catch (DateTimeParseException e) {
      throw new ValidationException(
          name,
          (type == Type.INSTANT ? "an ISO-8601 instant like 2026-12-01T00:00:00Z" : "a duration")
              + " is required, got '"
              + v
              + "'");
    } catch (NumberFormatException e) {
      throw new ValidationException(name, "a whole number is required, got '" + v + "'");
    }
    return v;
  }

  /** A duration as ISO-8601 ({@code PT20S}) or whole seconds ({@code 20}). */
  static Duration parseDuration(String v) {
    if (v.chars().allMatch(Character::isDigit)) {
      return Duration.ofSeconds(Long.parseLong(v));
    }
    return Duration.parse(v);
  }
}
