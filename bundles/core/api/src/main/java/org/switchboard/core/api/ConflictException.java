package org.switchboard.core.api;

/**
 * The request conflicts with the current stored state: a duplicate id, a stale version, or a
 * deletion of something still in use. Retrying after re-reading the current state may succeed.
 */
public class ConflictException extends SwitchboardException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }
}
