package org.switchboard.flow.impl.document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.switchboard.flow.api.FlowProblem;

/** Collects the problems found while reading and validating one document. Not thread-safe. */
public final class Problems {
  private final List<FlowProblem> found = new ArrayList<>();

  /** Joins a parent path and a child key or index. */
  static String join(String path, Object child) {
    return path.isEmpty() ? String.valueOf(child) : path + "." + child;
  }

  /** Records an error. */
  public void error(String path, String message) {
    found.add(FlowProblem.error(path, message));
  }

  /** Records a warning. */
  public void warning(String path, String message) {
    found.add(FlowProblem.warning(path, message));
  }

  /** Whether any error was recorded. */
  public boolean hasErrors() {
    return found.stream().anyMatch(FlowProblem::isError);
  }

  /** The problems, errors first, each group in the order found. */
  public List<FlowProblem> sorted() {
    List<FlowProblem> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparing(p -> p.severity().ordinal()));
    return List.copyOf(sorted);
  }
}
