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
 * Tells a waiting caller their place in line every so often ("You are number 3 in line"), the
 * expected wait when the ACD can estimate it, and the queue's callback offer ("press 1 to be called
 * back"), spoken by text-to-speech between stretches of the queue's music. Place and wait come from
 * the ACD's live view; without ACD, text-to-speech or anchored media nothing is said. Timers run on
 * the SIP channel's scheduler, the rest on the call's executor and the call pool.
 */
final class QueueAnnouncements {
  private final Duration every;
  private final String template;
  private final String waitTemplate;
  private final String language;
  private final CallbackOffers callbacks;
  private final ScheduledExecutorService timers;
  private final Executor pool;
  private final Supplier<AcdService> acd;
  private final Speech speech;

  QueueAnnouncements(
      Duration every,
      String template,
      String waitTemplate,
      String language,
      CallbackOffers callbacks,
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
    if (!waitTemplate.isBlank() && !waitTemplate.contains("{wait}")) {
      throw new IllegalArgumentException(
          "waitAnnouncement must contain {wait} or be empty, got '" + waitTemplate + "'");
    }
    this.every = every;
    this.template = template;
    this.waitTemplate = waitTemplate;
    this.language = language;
    this.callbacks = callbacks;
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
    WaitExplanation waiting;
    try {
      waiting = router.explainWaiting(call.interactionId).orElse(null);
    } catch (RuntimeException e) {
      return; // the interaction moved on meanwhile
    }
    if (waiting == null || waiting.position() < 1) {
      return;
    }
    String text = text(waiting, callbacks.offerFor(call));
    pool.execute(
        () -> {
          speech
              .say(text, language)
              .ifPresent(spoken -> call.executor.execute(() -> play(call, spoken, musicAgain)));
        });
  }

  /** What is said: the place in line, the expected wait when known, the callback offer. */
  String text(WaitExplanation waiting, String callbackOffer) {
    StringBuilder text =
        new StringBuilder(template.replace("{position}", String.valueOf(waiting.position())));
    Duration wait = waiting.expectedWait();
    if (wait != null && !wait.isZero() && !waitTemplate.isBlank()) {
      text.append(' ').append(waitTemplate.replace("{wait}", minutes(wait, language)));
    }
    if (!callbackOffer.isBlank()) {
      text.append(' ').append(callbackOffer);
    }
    return text.toString();
  }

  /** A wait in whole minutes (rounded up, at least one) as the language says it. */
  static String minutes(Duration wait, String language) {
    long m = Math.max(1, (wait.toSeconds() + 59) / 60);
    if (language.startsWith("zh")) {
      return m + " 分钟";
    }
    return m == 1 ? "1 minute" : m + " minutes";
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
