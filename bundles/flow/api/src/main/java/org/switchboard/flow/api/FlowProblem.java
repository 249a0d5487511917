package org.switchboard.flow.api;

/**
 * Something wrong with a flow document.
 *
 * @param path where, as dotted keys and list indexes from the document's root (e.g. {@code
 *     nodes.menu.options.1}, {@code calendars.office.hours.mon.0}); {@code document} for the whole
 *     text
 * @param message what is wrong and how to fix it
 * @param severity whether it prevents deployment
 */
public record FlowProblem(String path, String message, Severity severity) {

  /** How bad a problem is. */
  public enum Severity {
    /** The document cannot be deployed. */
    ERROR,
    /** The document can be deployed, but probably does not do what was meant. */
    WARNING
  }

  /** An error at a path. */
  public static FlowProblem error(String path, String message) {
    return new FlowProblem(path, message, Severity.ERROR);
  }

  /** A warning at a path. */
  public static FlowProblem warning(String path, String message) {
    return new FlowProblem(path, message, Severity.WARNING);
  }

  /** Whether this problem prevents deployment. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return (severity == Severity.WARNING ? "warning: " : "") + path + ": " + message;
  }
}
