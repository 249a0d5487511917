package org.switchboard.flow.impl.runtime;

import java.time.Duration;
import java.util.List;
import org.switchboard.flow.impl.model.Announcement;
import org.switchboard.flow.impl.model.Node;

/**
 * What menus and collects share: prompting, retrying with the no-input or invalid message, and
 * giving up to {@code onFailure} (or the fallback queue) after the last retry.
 */
final class Attempts {
  int failures;
  final StringBuilder digits = new StringBuilder();

  /** Asks the question, unless type-ahead already answers it. */
  static void ask(Run run, Node.Prompting prompting) {
    if (run.hasTypeahead()) {
      startTimeout(run, prompting);
    } else {
      run.announce(List.of(prompting.prompt()), prompting.bargeIn());
    }
  }

  static void startTimeout(Run run, Node.Prompting prompting) {
    run.startTimer(Duration.ofSeconds(prompting.timeoutSeconds()));
  }

  /**
   * Handles a no-input or an invalid answer.
   *
   * @param message the no-input or invalid message played before the question again
   * @param what a word for the log, e.g. {@code no input}
   */
  static void retry(
      Run run, Node node, Node.Prompting prompting, Announcement message, String what) {
    Attempts attempts = run.state();
    attempts.failures++;
    attempts.digits.setLength(0);
    if (attempts.failures > prompting.retries()) {
      if (prompting.onFailure() != null) {
        run.go(prompting.onFailure());
      } else {
        run.toFallback(
            what + " " + attempts.failures + " times at " + node.id() + " and no onFailure");
      }
      return;
    }
    run.nextGeneration();
    run.announce(List.of(message, prompting.prompt()), prompting.bargeIn());
  }

  /**
   * Applies barge-in rules to input that arrives while the question is still playing.
   *
   * @return whether the input counts
   */
  static boolean accept(Run run, Node.Prompting prompting) {
    if (run.playing()) {
      if (!prompting.bargeIn() && !run.chat()) {
        return false;
      }
      run.stopPlaying();
    }
    return true;
  }
}
