package org.switchboard.flow.impl.model;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One test of a {@code branch} node, with the node to go to when it holds.
 *
 * @param subject what is tested
 * @param name the variable, attribute or calendar name
 * @param test how a variable or attribute is compared; null for calendars
 * @param values the value(s) compared against ({@code equals}, {@code notEquals}: one; {@code in}:
 *     several); empty otherwise
 * @param pattern the regex of {@code matches}, or null
 * @param present the expected presence for {@code present}
 * @param next the node to go to when the condition holds
 */
public record Condition(
    Subject subject,
    String name,
    Test test,
    List<String> values,
    Pattern pattern,
    boolean present,
    String next) {
  public Condition {
    values = List.copyOf(values);
  }

  /** What a condition looks at. */
  public enum Subject {
    /** A flow variable (collected digits, data dip results, set values). */
    VARIABLE,
    /** An interaction attribute (given at start, or set by the flow). */
    ATTRIBUTE,
    /** Holds while a calendar is open. */
    OPEN,
    /** Holds while a calendar is closed. */
    CLOSED
  }

  /** How a variable or attribute is compared. */
  public enum Test {
    EQUALS,
    NOT_EQUALS,
    IN,
    MATCHES,
    PRESENT
  }
}
