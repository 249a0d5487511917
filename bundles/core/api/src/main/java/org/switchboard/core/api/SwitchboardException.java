package org.switchboard.core.api;

/**
 * Base of every error the core reports to a caller. Messages are written for the person who must
 * fix the problem: they say what was wrong and, where it helps, what to do instead.
 */
public class SwitchboardException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SwitchboardException(String message) {
    super(message);
  }

  public SwitchboardException(String message, Throwable cause) {
    super(message, cause);
  }
}
