package org.switchboard.core.api;

/**
 * A lifecycle operation is not allowed in the current state of an interaction or agent, for example
 * accepting an interaction that was never offered. Nothing was changed.
 */
public class IllegalTransitionException extends SwitchboardException {
  private static final long serialVersionUID = 1L;
  private final String subject;
  private final String currentState;
  private final String operation;

  public IllegalTransitionException(
      String subject, String currentState, String operation, String allowedHint) {
    super(
        "cannot "
            + operation
            + " "
            + subject
            + " while it is "
            + currentState
            + (allowedHint == null || allowedHint.isEmpty() ? "" : " (" + allowedHint + ")"));
    this.subject = subject;
    this.currentState = currentState;
    this.operation = operation;
  }

  /** What the operation was applied to, e.g. {@code interaction 5f0c...}. */
  public String subject() {
    return subject;
  }

  /** The state the subject was in when the operation was refused. */
  public String currentState() {
    return currentState;
  }

  /** The refused operation, e.g. {@code accept}. */
  public String operation() {
    return operation;
  }
}
