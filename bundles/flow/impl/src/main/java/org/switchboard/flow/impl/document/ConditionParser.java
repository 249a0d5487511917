package org.switchboard.flow.impl.document;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.switchboard.flow.impl.model.Condition;
import org.switchboard.flow.impl.model.Condition.Subject;
import org.switchboard.flow.impl.model.Condition.Test;

/**
 * Reads one condition of a {@code branch} node: a subject ({@code variable}, {@code attribute},
 * {@code open} or {@code closed}), for variables and attributes exactly one test ({@code equals},
 * {@code notEquals}, {@code in}, {@code matches}, {@code present}), and {@code next}.
 */
final class ConditionParser {
  private static final Set<String> FIELDS =
      Set.of(
          "variable",
          "attribute",
          "open",
          "closed",
          "equals",
          "notEquals",
          "in",
          "matches",
          "present",
          "next");
  private static final List<String> SUBJECTS = List.of("variable", "attribute", "open", "closed");
  private static final List<String> TESTS =
      List.of("equals", "notEquals", "in", "matches", "present");

  private ConditionParser() {}

  static Condition parse(Fields c) {
    c.allowOnly(FIELDS, "a condition");
    String next = c.name("next", true, Fields.NODE_ID, "a node id");
    List<String> subjects = SUBJECTS.stream().filter(c::has).toList();
    if (subjects.size() != 1) {
      c.problems()
          .error(
              c.path(),
              "needs exactly one of variable, attribute, open or closed, found "
                  + (subjects.isEmpty() ? "none" : subjects));
      return null;
    }
    String subjectField = subjects.get(0);
    Subject subject = Subject.valueOf(subjectField.toUpperCase(java.util.Locale.ROOT));
    String name = c.name(subjectField, true, Fields.NAME, "letters, digits, '.', '_' or '-'");
    List<String> tests = TESTS.stream().filter(c::has).toList();
    if (subject == Subject.OPEN || subject == Subject.CLOSED) {
      if (!tests.isEmpty()) {
        c.problems().error(c.path(tests.get(0)), "a calendar condition takes no comparison");
      }
      return new Condition(subject, name, null, List.of(), null, false, next);
    }
    if (tests.size() != 1) {
      c.problems()
          .error(
              c.path(),
              "needs exactly one of equals, notEquals, in, matches or present, found "
                  + (tests.isEmpty() ? "none" : tests));
      return null;
    }
    return switch (tests.get(0)) {
      case "equals" -> compare(subject, name, Test.EQUALS, c.text("equals", true), next);
      case "notEquals" -> compare(subject, name, Test.NOT_EQUALS, c.text("notEquals", true), next);
      case "in" -> in(c, subject, name, next);
      case "matches" -> {
        Pattern pattern = c.regex("matches");
        yield new Condition(subject, name, Test.MATCHES, List.of(), pattern, false, next);
      }
      default ->
          new Condition(
              subject, name, Test.PRESENT, List.of(), null, c.bool("present", true), next);
    };
  }

  private static Condition compare(
      Subject subject, String name, Test test, String value, String next) {
    return new Condition(
        subject, name, test, value == null ? List.of() : List.of(value), null, false, next);
  }

  private static Condition in(Fields c, Subject subject, String name, String next) {
    List<String> values = c.texts("in");
    if (values.isEmpty()) {
      c.problems().error(c.path("in"), "must list at least one value");
    }
    return new Condition(subject, name, Test.IN, values, null, false, next);
  }
}
