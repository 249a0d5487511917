package org.switchboard.core.api.conversation;

/** Who wrote a message, or who received or read it. */
public enum Party {
  /** The customer on the channel (web visitor, email sender, ...). */
  CUSTOMER,
  /** The agent the interaction is assigned to. */
  AGENT,
  /** A supervisor: whispering to the agent or barging into the conversation. */
  SUPERVISOR,
  /** Switchboard itself (bots, notices such as "an agent joined"). */
  SYSTEM
}
