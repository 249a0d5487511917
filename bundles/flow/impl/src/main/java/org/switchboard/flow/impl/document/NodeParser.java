package org.switchboard.flow.impl.document;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.switchboard.core.api.Identifiers;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.skill.SkillRequirement;
import org.switchboard.flow.impl.model.Announcement;
import org.switchboard.flow.impl.model.Condition;
import org.switchboard.flow.impl.model.Node;
import org.switchboard.flow.impl.model.Templates;

/** Reads one node of a flow document according to its {@code type}. */
final class NodeParser {
  /** The node types, as written in documents. */
  static final List<String> TYPES =
      List.of(
          "play",
          "say",
          "menu",
          "collect",
          "branch",
          "set",
          "data",
          "queue",
          "voicemail",
          "transfer",
          "hangup");

  private static final Set<String> PROMPTING =
      Set.of(
          "type",
          "prompts",
          "text",
          "bargeIn",
          "timeoutSeconds",
          "retries",
          "noInput",
          "invalid",
          "onFailure");
  private static final Pattern TERMINATOR = Pattern.compile("[*#]?");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  private static final String ID_RULE =
      "1-64 letters, digits, '_' or '-', starting with a letter or digit";
  private static final String NAME_RULE =
      "1-64 letters, digits, '.', '_' or '-', starting with a letter";

  private NodeParser() {}

  static Node parse(String id, Fields f) {
    String type = f.text("type", true);
    if (type == null) {
      return null;
    }
    return switch (type) {
      case "play" -> play(id, f);
      case "say" -> say(id, f);
      case "menu" -> menu(id, f);
      case "collect" -> collect(id, f);
      case "branch" -> branch(id, f);
      case "set" -> set(id, f);
      case "data" -> data(id, f);
      case "queue" -> queue(id, f);
      case "voicemail" -> voicemail(id, f);
      case "transfer" -> transfer(id, f);
      case "hangup" -> hangup(id, f);
      default -> {
        f.problems()
            .error(f.path("type"), "unknown node type '" + type + "'; known types: " + TYPES);
        yield null;
      }
    };
  }

  private static String target(Fields f, String field, boolean required) {
    return f.name(field, required, Fields.NODE_ID, "a node id: " + ID_RULE);
  }

  private static String template(Fields f, String field, boolean required) {
    String text = f.text(field, required);
    if (text != null && !Templates.isWellFormed(text)) {
      f.problems()
          .error(
              f.path(field),
              "has a broken placeholder: write ${name} with a variable or attribute name");
    }
    return text;
  }

  private static Node play(String id, Fields f) {
    f.allowOnly(Set.of("type", "prompts", "bargeIn", "next"), "a play node");
    List<String> prompts = f.texts("prompts");
    if (prompts.isEmpty()) {
      f.problems().error(f.path("prompts"), "is required: list at least one prompt");
    }
    return new Node.Play(id, prompts, f.bool("bargeIn", false), target(f, "next", true));
  }

  private static Node say(String id, Fields f) {
    f.allowOnly(Set.of("type", "text", "language", "bargeIn", "next"), "a say node");
    return new Node.Say(
        id,
        template(f, "text", true),
        f.name("language", false, LANGUAGE, "a language tag such as en or zh"),
        f.bool("bargeIn", false),
        target(f, "next", true));
  }

  private static Node.Prompting prompting(Fields f) {
    Announcement prompt = new Announcement(f.texts("prompts"), template(f, "text", false));
    if (prompt.isEmpty()) {
      f.problems().error(f.path(), "needs prompts or text to ask the customer");
    }
    return new Node.Prompting(
        prompt,
        f.bool("bargeIn", true),
        f.integer("timeoutSeconds", 5, 1, 300),
        f.integer("retries", 2, 0, 10),
        announcement(f, "noInput"),
        announcement(f, "invalid"),
        target(f, "onFailure", false));
  }

  /** A retry message: a list of prompts, a text, or a mapping with prompts and text. */
  private static Announcement announcement(Fields f, String field) {
    JsonNode raw = f.raw(field);
    if (raw == null) {
      return Announcement.NONE;
    }
    if (raw.isTextual()) {
      return new Announcement(List.of(), template(f, field, false));
    }
    if (raw.isArray()) {
      return new Announcement(f.texts(field), null);
    }
    return Fields.of(raw, f.path(field), "prompts, a text, or a mapping", f.problems())
        .map(
            m -> {
              m.allowOnly(Set.of("prompts", "text"), "a message");
              return new Announcement(m.texts("prompts"), template(m, "text", false));
            })
        .orElse(Announcement.NONE);
  }

  private static Node menu(String id, Fields f) {
    Set<String> allowed = new java.util.HashSet<>(PROMPTING);
    allowed.add("options");
    f.allowOnly(allowed, "a menu node");
    Node.Prompting prompting = prompting(f);
    Map<String, String> options = f.textMap("options");
    if (options.isEmpty()) {
      f.problems()
          .error(
              f.path("options"),
              "is required: map each choice (a digit, or a word for chat) to a node");
    }
    Map<String, String> seen = new HashMap<>();
    options.forEach(
        (key, target) -> {
          String path = f.path("options") + "." + key;
          String normal = key.trim().toLowerCase(Locale.ROOT);
          if (normal.isEmpty()) {
            f.problems().error(path, "an option needs a digit or word");
          } else if (seen.containsKey(normal)) {
            f.problems()
                .error(
                    path,
                    "duplicate option: '"
                        + key
                        + "' is the same choice as '"
                        + seen.get(normal)
                        + "'");
          } else {
            seen.put(normal, key);
          }
          if (!Fields.NODE_ID.matcher(target).matches()) {
            f.problems().error(path, "'" + target + "' is not a node id: " + ID_RULE);
          }
        });
    return new Node.Menu(id, prompting, options);
  }

  private static Node collect(String id, Fields f) {
    Set<String> allowed = new java.util.HashSet<>(PROMPTING);
    allowed.addAll(
        Set.of(
            "into",
            "minDigits",
            "maxDigits",
            "terminator",
            "interDigitTimeoutSeconds",
            "pattern",
            "next"));
    f.allowOnly(allowed, "a collect node");
    Node.Prompting prompting = prompting(f);
    int min = f.integer("minDigits", 1, 0, 64);
    int max = f.integer("maxDigits", 20, 1, 64);
    if (min > max) {
      f.problems().error(f.path("minDigits"), "is " + min + ", more than maxDigits " + max);
    }
    String terminator = f.has("terminator") ? f.text("terminator", false) : "#";
    if (terminator != null && !TERMINATOR.matcher(terminator).matches()) {
      f.problems()
          .error(f.path("terminator"), "must be '#', '*' or '' (none), got '" + terminator + "'");
    }
    return new Node.Collect(
        id,
        prompting,
        f.name("into", true, Fields.NAME, NAME_RULE),
        min,
        max,
        terminator == null || terminator.isEmpty() ? null : terminator,
        f.integer("interDigitTimeoutSeconds", 3, 1, 60),
        f.regex("pattern"),
        target(f, "next", true));
  }

  private static Node branch(String id, Fields f) {
    f.allowOnly(Set.of("type", "conditions", "otherwise"), "a branch node");
    List<Condition> conditions = new ArrayList<>();
    List<JsonNode> items = f.list("conditions");
    for (int i = 0; i < items.size(); i++) {
      Fields.of(items.get(i), f.path("conditions") + "." + i, "a condition mapping", f.problems())
          .map(ConditionParser::parse)
          .ifPresent(conditions::add);
    }
    return new Node.Branch(id, conditions, target(f, "otherwise", true));
  }

  private static Node set(String id, Fields f) {
    f.allowOnly(Set.of("type", "attributes", "variables", "next"), "a set node");
    Map<String, String> attributes = names(f, "attributes");
    Map<String, String> variables = names(f, "variables");
    if (attributes.isEmpty() && variables.isEmpty()) {
      f.problems().error(f.path(), "sets nothing: give attributes or variables");
    }
    return new Node.SetValues(id, attributes, variables, target(f, "next", true));
  }

  private static Map<String, String> names(Fields f, String field) {
    Map<String, String> values = f.textMap(field);
    values.forEach(
        (name, value) -> {
          String path = f.path(field) + "." + name;
          if (!Fields.NAME.matcher(name).matches()) {
            f.problems().error(path, "'" + name + "' is not a valid name: " + NAME_RULE);
          }
          if (!Templates.isWellFormed(value)) {
            f.problems().error(path, "has a broken placeholder: write ${name}");
          }
        });
    return values;
  }

  private static Node data(String id, Fields f) {
    f.allowOnly(
        Set.of("type", "dip", "input", "timeoutMillis", "into", "next", "onError"), "a data node");
    String dip = f.name("dip", true, Fields.NAME, NAME_RULE);
    String into = f.has("into") ? f.name("into", false, Fields.NAME, NAME_RULE) : dip;
    return new Node.Data(
        id,
        dip,
        names(f, "input"),
        f.integer("timeoutMillis", 0, 1, 60_000),
        into,
        target(f, "next", true),
        target(f, "onError", false));
  }

  private static Node queue(String id, Fields f) {
    f.allowOnly(Set.of("type", "queue", "priority", "skills"), "a queue node");
    String queue = template(f, "queue", true);
    if (queue != null && !queue.contains("${")) {
      queueName(f, "queue", queue);
    }
    Integer priority = f.has("priority") ? f.integer("priority", 0, 0, 100) : null;
    List<SkillRequirement> skills = new ArrayList<>();
    List<JsonNode> items = f.list("skills");
    for (int i = 0; i < items.size(); i++) {
      String path = f.path("skills") + "." + i;
      Fields.of(items.get(i), path, "a mapping with skill and minLevel", f.problems())
          .ifPresent(
              s -> {
                s.allowOnly(Set.of("skill", "minLevel"), "a skill requirement");
                String skill = s.text("skill", true);
                int level = s.integer("minLevel", 1, 1, 10);
                try {
                  if (skill != null) {
                    skills.add(new SkillRequirement(skill, level));
                  }
                } catch (ValidationException e) {
                  f.problems().error(path, e.getMessage());
                }
              });
    }
    return new Node.Queue(id, queue, priority, skills);
  }

  static void queueName(Fields f, String field, String queue) {
    try {
      Identifiers.requireName(field, queue);
    } catch (ValidationException e) {
      f.problems().error(f.path(field), "'" + queue + "' is not a queue id: " + e.problem());
    }
  }

  private static Node voicemail(String id, Fields f) {
    f.allowOnly(Set.of("type", "queue", "maxSeconds"), "a voicemail node");
    String queue = f.text("queue", true);
    if (queue != null) {
      queueName(f, "queue", queue);
    }
    return new Node.Voicemail(id, queue, f.integer("maxSeconds", 120, 5, 3600));
  }

  private static Node transfer(String id, Fields f) {
    f.allowOnly(Set.of("type", "destination"), "a transfer node");
    return new Node.Transfer(id, template(f, "destination", true));
  }

  private static Node hangup(String id, Fields f) {
    f.allowOnly(Set.of("type", "reason"), "a hangup node");
    String reason = f.text("reason", false);
    return new Node.Hangup(id, reason == null ? "normal" : reason);
  }
}
