package org.switchboard.channel.sip.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.switchboard.acd.api.AcdService;
import org.switchboard.acd.api.WaitExplanation;
import org.switchboard.media.api.Prompt;

/**
 * Tells a waiting caller their place in line every so often ("You are number 3 in line"), spoken by
 * text-to-speech between stretches of the queue's music. The place comes from the ACD's live view;
 * without ACD, text-to-speech or anchored media nothing is said. Timers run on the SIP channel's
 * scheduler, the rest on the call's executor and the call pool.
 */
final class QueueAnnouncements {
  private final Duration every;
  private final String template;
  private final String language;
  private final ScheduledExecutorService timers;
  private final Executor pool;
  private final Supplier<AcdService> acd;
  private final Speech speech;

  QueueAnnouncements(
      Duration every,
      String template,
      String language,
      ScheduledExecutorService timers,
      Executor pool,
      Supplier<AcdService> acd,
      Speech speech) {
    if (every.isNegative()) {
      throw new IllegalArgumentException("positionAnnouncementSeconds must not be negative");
    }
    if (!template.contains("{position}")) {
      throw new IllegalArgumentException(
          "positionAnnouncement must contain {position}, got '" + template + "'");
    }
    this.every = every;
    this.template = template;
    this.language = language;
    this.timers = timers;
    this.pool = pool;
    this.acd = acd;
    this.speech = speech;
  }

  /** The call waits (again): announcements start, the first after one interval. */
  void start(Call call, Runnable musicAgain) {
    stop(call);
    if (every.isZero() || call.media == null) {
      return;
    }
    long ms = every.toMillis();
    call.media.announcements =
        timers.scheduleWithFixedDelay(
            () -> call.executor.execute(() -> announce(call, musicAgain)),
            ms,
            ms,
            TimeUnit.MILLISECONDS);
  }

  /** The call stopped waiting (bridged, over): no more announcements. */
  void stop(Call call) {
    CallMedia m = call.media;
    if (m != null && m.announcements != null) {
      m.announcements.cancel(false);
      m.announcements = null;
    }
  }

  private void announce(Call call, Runnable musicAgain) {
    AcdService router = acd.get();
    if (!call.waiting() || call.media == null || !call.media.treatmentPlaying || router == null) {
      return;
    }
    int position =
        router.explainWaiting(call.interactionId).map(WaitExplanation::position).orElse(0);
    if (position < 1) {
      return;
    }
    String text = template.replace("{position}", String.valueOf(position));
    pool.execute(
        () -> {
          speech
              .say(text, language)
              .ifPresent(spoken -> call.executor.execute(() -> play(call, spoken, musicAgain)));
        });
  }

  private void play(Call call, Prompt spoken, Runnable musicAgain) {
    CallMedia m = call.media;
    if (!call.waiting() || m == null || !m.treatmentPlaying) {
      return;
    }
    m.customer.play(
        List.of(spoken),
        false,
        interrupted -> {
          if (!interrupted) {
            call.executor.execute(musicAgain);
          }
        });
  }
}
