package org.switchboard.flow.impl.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.switchboard.core.api.skill.SkillRequirement;

/**
 * One step of a flow. Nodes are immutable; the state of a run at a node (attempts, digits so far)
 * lives in the run.
 */
public sealed interface Node {

  /** The node's id, unique in its flow. */
  String id();

  /**
   * Where the node can go next, keyed by the path of the field below the node (e.g. {@code
   * options.1}, {@code onFailure}); the validator checks that every target exists.
   */
  Map<String, String> exits();

  /**
   * Whether the node waits for the customer (playback, input) before it goes on. A loop of nodes
   * that do not would spin, so the validator refuses it.
   */
  default boolean waitsForCustomer() {
    return false;
  }

  /** Whether the node ends the flow (hands the contact on). */
  default boolean ends() {
    return exits().isEmpty();
  }

  private static Map<String, String> exitsOf(String... pathsAndTargets) {
    Map<String, String> exits = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndTargets.length; i += 2) {
      if (pathsAndTargets[i + 1] != null) {
        exits.put(pathsAndTargets[i], pathsAndTargets[i + 1]);
      }
    }
    return exits;
  }

  /** Plays prompts, then goes on. */
  record Play(String id, List<String> prompts, boolean bargeIn, String next) implements Node {
    @Override
    public Map<String, String> exits() {
      return exitsOf("next", next);
    }

    @Override
    public boolean waitsForCustomer() {
      return true;
    }
  }

  /** Says a text (text-to-speech or a chat message), then goes on. */
  record Say(String id, String text, String language, boolean bargeIn, String next)
      implements Node {
    @Override
    public Map<String, String> exits() {
      return exitsOf("next", next);
    }

    @Override
    public boolean waitsForCustomer() {
      return true;
    }
  }

  /** What menu and collect nodes share: the prompt, retries and their messages. */
  record Prompting(
      Announcement prompt,
      boolean bargeIn,
      int timeoutSeconds,
      int retries,
      Announcement noInput,
      Announcement invalid,
      String onFailure) {}

  /**
   * Offers choices: one digit (voice) or one keyword (chat) per option.
   *
   * @param options option key to target node, keys as written (matched case-insensitively)
   */
  record Menu(String id, Prompting prompting, Map<String, String> options) implements Node {
    @Override
    public Map<String, String> exits() {
      Map<String, String> exits = new LinkedHashMap<>();
      options.forEach((key, target) -> exits.put("options." + key, target));
      if (prompting.onFailure() != null) {
        exits.put("onFailure", prompting.onFailure());
      }
      return exits;
    }

    @Override
    public boolean waitsForCustomer() {
      return true;
    }
  }

  /**
   * Collects digits (voice) or a value (chat) into a variable.
   *
   * @param terminator the digit that ends input early, or null for none
   * @param pattern a regex the whole value must match, or null
   */
  record Collect(
      String id,
      Prompting prompting,
      String into,
      int minDigits,
      int maxDigits,
      String terminator,
      int interDigitTimeoutSeconds,
      Pattern pattern,
      String next)
      implements Node {
    @Override
    public Map<String, String> exits() {
      return exitsOf("next", next, "onFailure", prompting.onFailure());
    }

    @Override
    public boolean waitsForCustomer() {
      return true;
    }
  }

  /** Goes to the target of the first condition that holds, else to {@code otherwise}. */
  record Branch(String id, List<Condition> conditions, String otherwise) implements Node {
    @Override
    public Map<String, String> exits() {
      Map<String, String> exits = new LinkedHashMap<>();
      for (int i = 0; i < conditions.size(); i++) {
        exits.put("conditions." + i + ".next", conditions.get(i).next());
      }
      exits.put("otherwise", otherwise);
      return exits;
    }
  }

  /** Sets attributes (on the interaction) and variables (in the run); values are templates. */
  record SetValues(
      String id, Map<String, String> attributes, Map<String, String> variables, String next)
      implements Node {
    @Override
    public Map<String, String> exits() {
      return exitsOf("next", next);
    }
  }

  /**
   * Looks data up through a {@link org.switchboard.flow.api.DataDip}; results become variables
   * {@code <into>.<key>}.
   *
   * @param timeoutMillis the lookup's timeout, or 0 for the engine's default
   * @param onError where to go on failure or timeout, or null for the fallback queue
   */
  record Data(
      String id,
      String dip,
      Map<String, String> input,
      long timeoutMillis,
      String into,
      String next,
      String onError)
      implements Node {
    @Override
    public Map<String, String> exits() {
      return exitsOf("next", next, "onError", onError);
    }
  }

  /** Ends the flow: the contact waits in a queue. {@code queue} is a template. */
  record Queue(String id, String queue, Integer priority, List<SkillRequirement> skills)
      implements Node {
    @Override
    public Map<String, String> exits() {
      return Map.of();
    }
  }

  /** Ends the flow: the customer leaves a message for a queue. */
  record Voicemail(String id, String queue, int maxSeconds) implements Node {
    @Override
    public Map<String, String> exits() {
      return Map.of();
    }
  }

  /** Ends the flow: the contact is transferred; {@code destination} is a template. */
  record Transfer(String id, String destination) implements Node {
    @Override
    public Map<String, String> exits() {
      return Map.of();
    }
  }

  /** Ends the flow and the contact. */
  record Hangup(String id, String reason) implements Node {
    @Override
    public Map<String, String> exits() {
      return Map.of();
    }
  }
}
