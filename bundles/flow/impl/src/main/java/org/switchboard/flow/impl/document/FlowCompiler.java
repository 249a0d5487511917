package org.switchboard.flow.impl.document;

import java.util.List;
import java.util.Optional;
import org.switchboard.flow.api.FlowProblem;
import org.switchboard.flow.impl.model.FlowDefinition;

/**
 * Turns the text of a flow document into a validated {@link FlowDefinition}: reads it (YAML or
 * JSON), parses every node and calendar, and checks the flow as a whole. Stateless and thread-safe.
 */
public final class FlowCompiler {

  /**
   * The outcome of compiling one document.
   *
   * @param flow the flow, present only when there were no errors
   * @param problems every problem found, errors first
   */
  public record Result(Optional<FlowDefinition> flow, List<FlowProblem> problems) {
    /** Whether the document can be deployed. */
    public boolean ok() {
      return flow.isPresent();
    }
  }

  /**
   * Compiles a document.
   *
   * @param text the document's text
   * @param expectedId the flow id it is meant for (its file name or the deploy id), or null to take
   *     the document's own {@code id}
   * @return the flow and the problems
   */
  public Result compile(String text, String expectedId) {
    Problems problems = new Problems();
    Optional<FlowDefinition> parsed =
        DocumentReader.read(text, problems).map(root -> FlowParser.parse(root, problems));
    if (parsed.isEmpty()) {
      return new Result(Optional.empty(), problems.sorted());
    }
    FlowDefinition flow = parsed.get();
    if (flow.id() == null && expectedId == null) {
      problems.error("id", "is required");
    } else if (flow.id() != null && expectedId != null && !flow.id().equals(expectedId)) {
      problems.error(
          "id", "is '" + flow.id() + "' but the flow is '" + expectedId + "': make them the same");
    }
    FlowValidator.validate(flow, problems);
    if (problems.hasErrors()) {
      return new Result(Optional.empty(), problems.sorted());
    }
    if (flow.id() == null) {
      flow =
          new FlowDefinition(
              expectedId,
              flow.name() == null ? expectedId : flow.name(),
              flow.language(),
              flow.start(),
              flow.fallback(),
              flow.calendars(),
              flow.nodes());
    }
    return new Result(Optional.of(flow), problems.sorted());
  }

  /** The problems of a document, errors first; see {@link #compile}. */
  public List<FlowProblem> validate(String text) {
    return compile(text, null).problems();
  }
}
