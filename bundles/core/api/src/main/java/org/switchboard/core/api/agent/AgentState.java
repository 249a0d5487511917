package org.switchboard.core.api.agent;

import java.util.EnumSet;
import java.util.Set;

/**
 * The presence state of an agent. How busy an agent is follows from the interactions assigned to
 * them, not from this state.
 *
 * <pre>
 * LOGGED_OUT --login--> NOT_READY <--> READY
 *                          ^  \         ^ /
 *                          |   v        |v
 *                          +-- WRAP_UP -+
 * any logged-in state --logout--> LOGGED_OUT
 * </pre>
 */
public enum AgentState {
  /** Not at work; receives nothing. */
  LOGGED_OUT,
  /** Logged in but not taking new work; always carries a reason (break, meeting, no-answer...). */
  NOT_READY,
  /** Logged in and accepting new offers up to capacity. */
  READY,
  /** Finishing after-contact work; receives no new offers. */
  WRAP_UP;

  /** States an agent may move to with {@code AgentService.changeState} from this one. */
  public Set<AgentState> next() {
    return switch (this) {
      case LOGGED_OUT -> EnumSet.noneOf(AgentState.class);
      case NOT_READY -> EnumSet.of(READY, NOT_READY, WRAP_UP);
      case READY -> EnumSet.of(NOT_READY, WRAP_UP);
      case WRAP_UP -> EnumSet.of(READY, NOT_READY);
    };
  }

  /** Whether the agent is logged in. */
  public boolean isLoggedIn() {
    return this != LOGGED_OUT;
  }
}
