package org.switchboard.core.api.conversation;

/** Who may see a message. */
public enum Visibility {
  /** Everyone in the conversation, the customer included. */
  ALL,
  /** Only the contact center's people (a supervisor's whisper to the agent). */
  AGENTS
}
