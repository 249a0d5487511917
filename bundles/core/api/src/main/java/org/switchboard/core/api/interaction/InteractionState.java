package org.switchboard.core.api.interaction;

/**
 * The lifecycle of an interaction. The core enforces these transitions:
 *
 * <pre>
 * NEW -> IN_FLOW | QUEUED | OFFERED (an agent dials) | CLOSED | ABANDONED
 * IN_FLOW -> QUEUED | CLOSED | ABANDONED
 * QUEUED -> OFFERED | QUEUED (transfer) | ABANDONED
 * OFFERED -> CONNECTED (accept) | QUEUED (decline, no answer) | ABANDONED
 *            | CLOSED (a dial that did not connect)
 * CONNECTED -> HELD | WRAP_UP | CLOSED | QUEUED / OFFERED (transfer)
 * HELD -> CONNECTED | WRAP_UP | CLOSED | QUEUED / OFFERED (transfer)
 * WRAP_UP -> CLOSED
 * </pre>
 *
 * CLOSED and ABANDONED are final.
 */
public enum InteractionState {
  /** Opened by a channel; not yet in a flow or queue. */
  NEW,
  /** In an IVR or bot flow. */
  IN_FLOW,
  /** Waiting in a queue for an agent. */
  QUEUED,
  /**
   * Reserved for one agent, who has not accepted yet; for a contact the agent dials, the channel is
   * reaching the agent and the customer.
   */
  OFFERED,
  /** Agent and customer are connected. */
  CONNECTED,
  /** The agent has put the customer on hold. */
  HELD,
  /** The conversation ended; the agent does after-contact work. */
  WRAP_UP,
  /** Finished, with a disposition. Final. */
  CLOSED,
  /** The customer left before being connected. Final. */
  ABANDONED;

  /** Whether no further transition is possible. */
  public boolean isFinal() {
    return this == CLOSED || this == ABANDONED;
  }

  /** Whether an agent is engaged with the interaction (counts against capacity). */
  public boolean occupiesAgent() {
    return this == OFFERED || this == CONNECTED || this == HELD || this == WRAP_UP;
  }
}
