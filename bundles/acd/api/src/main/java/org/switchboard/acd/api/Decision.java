package org.switchboard.acd.api;

import java.time.Instant;
import java.util.List;

/**
 * One thing the ACD decided, stored so that anyone can later ask why.
 *
 * @param id unique id
 * @param at when it was decided
 * @param kind what was decided
 * @param interactionId the interaction concerned, null for decisions about an agent only
 * @param queue the queue, null when none
 * @param agentId the agent chosen or concerned, null when none
 * @param rule the rule that fired, in words (strategy, step, timer...)
 * @param candidates the candidates that were ranked, best first (at most {@link #MAX_CANDIDATES})
 * @param candidateCount how many candidates were eligible in all
 */
public record Decision(
    String id,
    Instant at,
    Kind kind,
    String interactionId,
    String queue,
    String agentId,
    String rule,
    List<ScoredCandidate> candidates,
    int candidateCount) {
  /** Most candidates stored with one decision. */
  public static final int MAX_CANDIDATES = 10;

  public Decision {
    candidates = candidates == null ? List.of() : List.copyOf(candidates);
  }

  /** The kinds of decision the ACD makes. */
  public enum Kind {
    /** An interaction was offered to (reserved for) an agent. */
    OFFER,
    /** The agent did not answer within the ring timeout; the interaction went back to its queue. */
    NO_ANSWER,
    /** The interaction waited longer than the queue's maximum and moved to the overflow queue. */
    OVERFLOW,
    /** The queue's wrap-up time ran out; the ACD completed the interaction and freed the agent. */
    WRAP_UP_EXPIRED,
    /** The watchdog found an agent's state contradicting reality and corrected it. */
    AGENT_RECONCILED
  }

  /**
   * One ranked candidate.
   *
   * @param agentId the agent
   * @param score the strategy's score
   * @param idleSeconds how long the agent had been idle (the first tie-break)
   */
  public record ScoredCandidate(String agentId, double score, long idleSeconds) {}
}
