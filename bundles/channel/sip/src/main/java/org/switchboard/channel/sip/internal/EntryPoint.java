package org.switchboard.channel.sip.internal;

import java.util.Objects;
import org.switchboard.core.api.Identifiers;
import org.switchboard.core.api.ValidationException;

/**
 * Where a dialled number enters the contact center: straight into an ACD queue, or into a flow
 * (IVR, bot) that decides later.
 *
 * @param kind queue or flow
 * @param id the queue's or flow's id, following {@link Identifiers#requireName}
 */
record EntryPoint(Kind kind, String id) {
  /** What an entry point leads to. */
  enum Kind {
    QUEUE("queue"),
    FLOW("flow");

    /** How the kind is written in a route target, before the colon. */
    final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }
  }

  /**
   * @throws ValidationException when the id breaks the id rule
   */
  EntryPoint {
    Objects.requireNonNull(kind, "kind");
    Identifiers.requireName(kind.prefix, id);
  }

  /**
   * Reads a route target, {@code queue:<queueId>} or {@code flow:<flowId>}.
   *
   * @throws IllegalArgumentException when the target has another form or the id breaks the id rule
   */
  static EntryPoint parse(String target) {
    int colon = target.indexOf(':');
    String prefix = colon < 0 ? "" : target.substring(0, colon).strip();
    for (Kind kind : Kind.values()) {
      if (kind.prefix.equals(prefix)) {
        try {
          return new EntryPoint(kind, target.substring(colon + 1).strip());
        } catch (ValidationException e) {
          throw new IllegalArgumentException(e.getMessage(), e);
        }
      }
    }
    throw new IllegalArgumentException("target must be queue:<queueId> or flow:<flowId>");
  }

  /** The target as written in a route entry, e.g. {@code queue:sales}. */
  String target() {
    return kind.prefix + ":" + id;
  }
}
