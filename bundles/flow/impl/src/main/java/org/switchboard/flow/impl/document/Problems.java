package org.switchboard.flow.impl.document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.switchboard.flow.api.FlowProblem;

/**
 * Collects the problems found while reading and validating one document, and the line where each
 * path of the document starts, so that every problem can say which line it is on. Not thread-safe.
 */
public final class Problems {
  private final List<FlowProblem> found = new ArrayList<>();
  private final Map<String, Integer> lines = new HashMap<>();

  /** Joins a parent path and a child key or index. */
  static String join(String path, Object child) {
    return path.isEmpty() ? String.valueOf(child) : path + "." + child;
  }

  /**
   * Records where a path (a key or list item) starts in the text. The first line recorded for a
   * path stays: that is the key that is read when a key is duplicated.
   *
   * @param path the path, as {@link #join} forms it
   * @param line the line, counting from 1; others are ignored
   */
  void line(String path, int line) {
    if (line > 0) {
      lines.putIfAbsent(path, line);
    }
  }

  /**
   * The line of a path, or else of its nearest parent whose line was recorded (the mapping a
   * missing key belongs in); 0 when there is none, as for the whole document.
   */
  int lineOf(String path) {
    String at = path;
    while (at != null && !at.isEmpty()) {
      Integer line = lines.get(at);
      if (line != null) {
        return line;
      }
      int dot = at.lastIndexOf('.');
      at = dot < 0 ? null : at.substring(0, dot);
    }
    return 0;
  }

  /** Records an error. */
  public void error(String path, String message) {
    found.add(FlowProblem.error(path, message));
  }

  /** Records an error on a known line, which its path's line does not replace. */
  public void error(String path, int line, String message) {
    found.add(FlowProblem.error(path, message).withLine(Math.max(line, 0)));
  }

  /** Records a warning. */
  public void warning(String path, String message) {
    found.add(FlowProblem.warning(path, message));
  }

  /** Whether any error was recorded. */
  public boolean hasErrors() {
    return found.stream().anyMatch(FlowProblem::isError);
  }

  /**
   * The problems, errors first, each group in the order found; each with its own line, else the
   * line of its path (see {@link #lineOf}).
   */
  public List<FlowProblem> sorted() {
    List<FlowProblem> sorted = new ArrayList<>();
    for (FlowProblem p : found) {
      sorted.add(p.line() > 0 ? p : p.withLine(lineOf(p.path())));
    }
    sorted.sort(Comparator.comparing(p -> p.severity().ordinal()));
    return List.copyOf(sorted);
  }
}
