package org.switchboard.flow.impl.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Typed access to the fields of one mapping in a document, reporting every problem at the field's
 * path. Missing or wrong fields give a default (null, empty) so that parsing goes on and finds
 * further problems.
 */
final class Fields {
  /** Node ids: no dots, so that paths stay unambiguous. */
  static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  /** Variable and attribute names. */
  static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

  private final ObjectNode node;
  private final String path;
  private final Problems problems;

  Fields(ObjectNode node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /** Reads a value as a mapping, or reports it. */
  static Optional<Fields> of(JsonNode value, String path, String what, Problems problems) {
    if (value instanceof ObjectNode object) {
      return Optional.of(new Fields(object, path, problems));
    }
    problems.error(path, "must be " + what);
    return Optional.empty();
  }

  String path() {
    return path;
  }

  String path(String field) {
    return Problems.join(path, field);
  }

  Problems problems() {
    return problems;
  }

  boolean has(String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  /** Reports the fields not in {@code allowed}: usually a typo. */
  void allowOnly(Set<String> allowed, String what) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        problems.error(
            path(name),
            "unknown field '" + name + "' in " + what + "; allowed: " + new TreeSet<>(allowed));
      }
    }
  }

  /** A scalar text, or null when absent (reported when required). */
  String text(String field, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        problems.error(path(field), "is required");
      }
      return null;
    }
    if (!value.isTextual()) {
      problems.error(path(field), "must be a single value, not a list or mapping");
      return null;
    }
    return value.textValue();
  }

  /** A text that must match a pattern (e.g. a node id or variable name). */
  String name(String field, boolean required, Pattern pattern, String rule) {
    String value = text(field, required);
    if (value != null && !pattern.matcher(value).matches()) {
      problems.error(path(field), "'" + value + "' is not valid: " + rule);
      return null;
    }
    return value;
  }

  /** A whole number within bounds, or the default when absent. */
  int integer(String field, int defaultValue, int min, int max) {
    String value = text(field, false);
    if (value == null) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, with the allowed range
    }
    problems.error(
        path(field), "must be a whole number from " + min + " to " + max + ", got '" + value + "'");
    return defaultValue;
  }

  /** {@code true} or {@code false}, or the default when absent. */
  boolean bool(String field, boolean defaultValue) {
    String value = text(field, false);
    if (value == null) {
      return defaultValue;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    problems.error(path(field), "must be true or false, got '" + value + "'");
    return defaultValue;
  }

  /** A compiled regex, or null when absent or broken (reported). */
  Pattern regex(String field) {
    String value = text(field, false);
    if (value == null) {
      return null;
    }
    try {
      return Pattern.compile(value);
    } catch (PatternSyntaxException e) {
      problems.error(
          path(field),
          "is not a valid regular expression: "
              + e.getDescription()
              + " near index "
              + e.getIndex());
      return null;
    }
  }

  /** A list of scalar texts; a single scalar counts as a list of one. Empty when absent. */
  List<String> texts(String field) {
    JsonNode value = node.get(field);
    List<String> texts = new ArrayList<>();
    if (value == null || value.isNull()) {
      return texts;
    }
    if (value.isTextual()) {
      texts.add(value.textValue());
      return texts;
    }
    if (!value.isArray()) {
      problems.error(path(field), "must be a list of values");
      return texts;
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (item.isTextual()) {
        texts.add(item.textValue());
      } else {
        problems.error(path(field) + "." + i, "must be a single value");
      }
    }
    return texts;
  }

  /** A list of items (mappings or values); empty when absent. */
  List<JsonNode> list(String field) {
    JsonNode value = node.get(field);
    List<JsonNode> items = new ArrayList<>();
    if (value == null || value.isNull()) {
      return items;
    }
    if (!value.isArray()) {
      problems.error(path(field), "must be a list");
      return items;
    }
    value.forEach(items::add);
    return items;
  }

  /** A mapping of keys to scalar texts, in document order; empty when absent. */
  Map<String, String> textMap(String field) {
    Map<String, String> map = new LinkedHashMap<>();
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return map;
    }
    if (!value.isObject()) {
      problems.error(path(field), "must be a mapping of keys to values");
      return map;
    }
    value
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isTextual()) {
                map.put(e.getKey(), e.getValue().textValue());
              } else if (e.getValue().isNull()) {
                map.put(e.getKey(), "");
              } else {
                problems.error(path(field) + "." + e.getKey(), "must be a single value");
              }
            });
    return map;
  }

  /** The mapping itself. */
  ObjectNode raw() {
    return node;
  }

  /** The raw value of a field, or null. */
  JsonNode raw(String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value;
  }
}
