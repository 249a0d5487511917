package org.switchboard.core.api.interaction;

import java.util.Set;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.ValidationException;

/**
 * Filter for listing interactions. Null or empty fields match everything. Results are ordered by
 * creation time, newest first, unless only waiting states are asked for (then oldest first).
 *
 * @param states states to include
 * @param queue queue id
 * @param agent agent id
 * @param channel channel type
 * @param limit most rows returned, 1 to 1000
 */
public record InteractionQuery(
    Set<InteractionState> states, String queue, String agent, ChannelType channel, int limit) {
  public static final int MAX_LIMIT = 1000;

  public InteractionQuery {
    states = states == null ? Set.of() : Set.copyOf(states);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException(
          "limit", "must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
  }

  /** Everything, up to {@code limit} rows. */
  public static InteractionQuery all(int limit) {
    return new InteractionQuery(null, null, null, null, limit);
  }

  /** Interactions in the given states. */
  public static InteractionQuery inStates(int limit, InteractionState... states) {
    return new InteractionQuery(Set.of(states), null, null, null, limit);
  }
}
