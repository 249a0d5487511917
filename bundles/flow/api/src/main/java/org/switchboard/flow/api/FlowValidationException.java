package org.switchboard.flow.api;

import java.util.List;
import java.util.stream.Collectors;

/** A flow document was refused because it has errors; carries every problem found. */
public class FlowValidationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The problems, errors first. */
  private final List<FlowProblem> problems;

  /**
   * Creates the exception.
   *
   * @param flowId the flow the document was meant for
   * @param problems the problems found, at least one of them an error
   */
  public FlowValidationException(String flowId, List<FlowProblem> problems) {
    super(
        "flow '"
            + flowId
            + "' is invalid: "
            + problems.stream().map(FlowProblem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  /** The problems found, errors first. */
  public List<FlowProblem> problems() {
    return problems;
  }
}
