package org.switchboard.flow.impl.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.UnaryOperator;
import org.switchboard.flow.api.FlowSession;
import org.switchboard.flow.impl.model.Announcement;

/**
 * Plays a sequence of announcements through the session, one playback at a time: prompts with
 * {@link FlowSession#play}, texts with {@link FlowSession#say}, each waiting for playback done.
 * Used only from its run's serial tasks.
 */
final class Playback {
  private record Step(List<String> prompts, String text) {}

  private final FlowSession session;
  private final Deque<Step> steps = new ArrayDeque<>();
  private boolean playing;
  private boolean bargeIn;
  private String language;
  private UnaryOperator<String> render;

  Playback(FlowSession session) {
    this.session = session;
  }

  /**
   * Starts playing, replacing anything still queued.
   *
   * @return false when there was nothing to play
   */
  boolean start(
      List<Announcement> parts, boolean bargeIn, String language, UnaryOperator<String> render) {
    steps.clear();
    for (Announcement part : parts) {
      Step last = steps.peekLast();
      if (!part.prompts().isEmpty() && last != null && last.text() == null) {
        // consecutive prompts play as one playback: "sorry" then the question, without a gap
        steps.removeLast();
        steps.add(new Step(concat(last.prompts(), part.prompts()), null));
      } else if (!part.prompts().isEmpty()) {
        steps.add(new Step(part.prompts(), null));
      }
      if (part.text() != null) {
        steps.add(new Step(List.of(), part.text()));
      }
    }
    this.bargeIn = bargeIn;
    this.language = language;
    this.render = render;
    return next();
  }

  /**
   * The channel finished the current playback.
   *
   * @return true when every step has now been played
   */
  boolean done() {
    if (!playing) {
      return false;
    }
    playing = false;
    return !next();
  }

  private boolean next() {
    Step step = steps.poll();
    if (step == null) {
      return false;
    }
    playing = true;
    if (step.text() == null) {
      session.play(step.prompts(), bargeIn);
    } else {
      session.say(render.apply(step.text()), language, bargeIn);
    }
    return true;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  /** Whether something is playing. */
  boolean playing() {
    return playing;
  }

  /** Stops the current playback and drops the rest. */
  void stop() {
    steps.clear();
    if (playing) {
      playing = false;
      session.stopPlaying();
    }
  }
}
