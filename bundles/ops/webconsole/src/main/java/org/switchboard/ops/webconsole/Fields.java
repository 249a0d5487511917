package org.switchboard.ops.webconsole;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.skill.SkillLevel;
import org.switchboard.core.api.skill.SkillRequirement;

/**
 * Form fields as the console pages send them (JSON strings typed by an admin), read into the core's
 * types with errors that name the field.
 */
final class Fields {
  private Fields() {}

  /** A whole number, {@code fallback} when the field is absent or blank. */
  static int number(JsonNode body, String field, int fallback) {
    JsonNode n = body.path(field);
    if (n.isMissingNode() || n.isNull() || n.asText().isBlank()) {
      return fallback;
    }
    return whole(field, n.asText());
  }

  private static int whole(String field, String value) {
    String text = value.trim();
    if (!text.matches("-?\\d{1,9}")) {
      throw new ValidationException(field, "a whole number is required, got '" + text + "'");
    }
    return Integer.parseInt(text);
  }

  /** An optional text: null when absent or blank. */
  static String optional(JsonNode body, String field) {
    String text = body.path(field).asText("").trim();
    return text.isEmpty() ? null : text;
  }

  /** Channel ids from a JSON array; at least one. */
  static Set<ChannelType> channels(JsonNode body, String field) {
    Set<ChannelType> channels = new LinkedHashSet<>();
    body.path(field).forEach(c -> channels.add(ChannelType.of(c.asText())));
    if (channels.isEmpty()) {
      throw new ValidationException(field, "choose at least one channel");
    }
    return channels;
  }

  /** {@code "billing:5, english:3"}: an agent's skills with levels. */
  static List<SkillLevel> skillLevels(JsonNode body, String field) {
    List<SkillLevel> levels = new ArrayList<>();
    pairs(body, field).forEach((skill, level) -> levels.add(new SkillLevel(skill, level)));
    return levels;
  }

  /** {@code "billing:3"}: the skills a queue requires with their minimum levels. */
  static List<SkillRequirement> requirements(JsonNode body, String field) {
    List<SkillRequirement> required = new ArrayList<>();
    pairs(body, field).forEach((skill, level) -> required.add(new SkillRequirement(skill, level)));
    return required;
  }

  /** {@code "sales, night"}: names separated by commas or spaces. */
  static Set<String> names(JsonNode body, String field) {
    Set<String> names = new LinkedHashSet<>();
    for (String part : body.path(field).asText("").split("[,\\s]+")) {
      if (!part.isBlank()) {
        names.add(part.trim());
      }
    }
    return names;
  }

  /** {@code {"voice":"1","chat":"3"}}: slots per channel; blank entries are left out. */
  static Map<ChannelType, Integer> capacity(JsonNode body, String field) {
    Map<ChannelType, Integer> capacity = new LinkedHashMap<>();
    body.path(field)
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().asText("").isBlank()) {
                capacity.put(
                    ChannelType.of(e.getKey()),
                    whole(field + "." + e.getKey(), e.getValue().asText()));
              }
            });
    return capacity;
  }

  /** {@code "a:1, b:2"} as an ordered map; a name without a level is an error. */
  private static Map<String, Integer> pairs(JsonNode body, String field) {
    Map<String, Integer> pairs = new LinkedHashMap<>();
    for (String part : body.path(field).asText("").split("\\s*,\\s*")) {
      if (part.isBlank()) {
        continue;
      }
      String[] kv = part.trim().split("\\s*:\\s*");
      if (kv.length != 2 || !kv[1].matches("\\d{1,2}")) {
        throw new ValidationException(
            field, "write each as name:level (e.g. billing:5), got '" + part.trim() + "'");
      }
      if (pairs.put(kv[0], Integer.parseInt(kv[1])) != null) {
        throw new ValidationException(field, "'" + kv[0] + "' is listed twice");
      }
    }
    return pairs;
  }

  /** The opposite of {@link #pairs}: {@code "a:1, b:2"}. */
  static String text(Map<String, Integer> pairs) {
    return String.join(
        ", ", pairs.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toList());
  }
}
