package org.switchboard.flow.api;

/**
 * Something wrong with a flow document.
 *
 * @param path where, as dotted keys and list indexes from the document's root (e.g. {@code
 *     nodes.menu.options.1}, {@code calendars.office.hours.mon.0}); {@code document} for the whole
 *     text
 * @param message what is wrong and how to fix it
 * @param severity whether it prevents deployment
 * @param line the line of the document's text the problem is on, counting from 1: where the key or
 *     list item at {@code path} starts; for a missing key, the line of the mapping it is missing
 *     from; for a syntax error, where the text stopped being readable. {@code 0} when the line is
 *     not known or the problem is about the whole document (e.g. a missing top-level key, a text
 *     that is too large). Since 1.1.
 */
public record FlowProblem(String path, String message, Severity severity, int line) {

  /** How bad a problem is. */
  public enum Severity {
    /** The document cannot be deployed. */
    ERROR,
    /** The document can be deployed, but probably does not do what was meant. */
    WARNING
  }

  /**
   * Creates a problem.
   *
   * @throws IllegalArgumentException when {@code line} is negative
   */
  public FlowProblem {
    if (line < 0) {
      throw new IllegalArgumentException("line must be 0 (unknown) or from 1, got " + line);
    }
  }

  /**
   * Creates a problem whose line is not known ({@code 0}); see {@link #withLine}.
   *
   * @param path where (see {@link #path()})
   * @param message what is wrong
   * @param severity whether it prevents deployment
   */
  public FlowProblem(String path, String message, Severity severity) {
    this(path, message, severity, 0);
  }

  /** An error at a path, its line not known. */
  public static FlowProblem error(String path, String message) {
    return new FlowProblem(path, message, Severity.ERROR);
  }

  /** A warning at a path, its line not known. */
  public static FlowProblem warning(String path, String message) {
    return new FlowProblem(path, message, Severity.WARNING);
  }

  /**
   * The same problem on a given line.
   *
   * @param line the line, counting from 1; {@code 0} for unknown
   * @return this problem when it already has that line, else a copy with it
   * @throws IllegalArgumentException when {@code line} is negative
   * @since 1.1
   */
  public FlowProblem withLine(int line) {
    return line == this.line ? this : new FlowProblem(path, message, severity, line);
  }

  /** Whether this problem prevents deployment. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * The problem as one line of text, e.g. {@code line 12: nodes.menu.options.1: unknown node
   * 'biling'} or {@code warning: line 30: nodes.old: unreachable ...}; without the line when it is
   * not known.
   */
  @Override
  public String toString() {
    return (severity == Severity.WARNING ? "warning: " : "")
        + (line > 0 ? "line " + line + ": " : "")
        + path
        + ": "
        + message;
  }
}
