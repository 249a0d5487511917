package org.switchboard.core.api;

/** A request carried a value the core cannot accept; names the field and the problem. */
public class ValidationException extends SwitchboardException {
  private static final long serialVersionUID = 1L;
  private final String field;
  private final String problem;

  public ValidationException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  /**
   * The offending field, dotted for nested values (e.g. {@code requiredSkills[0].minimumLevel}).
   */
  public String field() {
    return field;
  }

  /** What is wrong with the field's value, in words an API user can act on. */
  public String problem() {
    return problem;
  }
}
