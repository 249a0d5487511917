package org.switchboard.core.api;

/** The referenced interaction, agent, queue or skill does not exist. */
public class NotFoundException extends SwitchboardException {
  private static final long serialVersionUID = 1L;
  private final String kind;
  private final String id;

  public NotFoundException(String kind, String id) {
    super("no " + kind + " with id '" + id + "'");
    this.kind = kind;
    this.id = id;
  }

  /** The kind of thing looked up, e.g. {@code queue}. */
  public String kind() {
    return kind;
  }

  /** The id that was not found. */
  public String id() {
    return id;
  }
}
