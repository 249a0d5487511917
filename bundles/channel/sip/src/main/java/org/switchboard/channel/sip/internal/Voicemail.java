package org.switchboard.channel.sip.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.channel.spi.ChannelContext;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.QueueRequest;
import org.switchboard.media.api.MediaException;
import org.switchboard.media.api.MediaService;
import org.switchboard.media.api.Prompt;
import org.switchboard.media.api.RecordedFile;
import org.switchboard.media.api.Recording;
import org.switchboard.recording.api.PlannedRecording;
import org.switchboard.recording.api.RecordingCatalog;
import org.switchboard.recording.api.RecordingInfo;

/**
 * Voicemail: the caller hears the greeting and a beep, and what they say is recorded (on the left
 * channel, like the customer's side of a call) until they press #, hang up or reach the limit. The
 * message is catalogued like any recording (retention, audited playback), and the interaction waits
 * in its queue as a voicemail ({@code voicemail.recording}, {@code voicemail.seconds}); the agent
 * it is offered to takes it on the desktop, listens and calls back. A flow's voicemail node queues
 * the interaction once the message is in; a call that reaches a queue listed in {@code
 * voicemailQueues} (directly, or overflowing there after the maximum wait of its queue) is already
 * queued, and an agent who becomes free while the caller is still recording gets the caller live
 * instead.
 *
 * <p>Runs on the call's {@link SerialExecutor}; speech and storing run on the call pool.
 */
final class Voicemail {
  private static final Logger LOG = LoggerFactory.getLogger(Voicemail.class);
  private static final String BEEP = "beep";
  private static final long SHORTEST_MESSAGE_MILLIS = 1_000;

  /** Attribute: id of the voicemail's recording. */
  static final String RECORDING = "voicemail.recording";

  /** What call control does around a voicemail. */
  interface Exit {
    /** The caller must hear the greeting: answer the call if it is not yet. */
    void answer(Call call);

    /**
     * The message is stored and the interaction queued with it: the call no longer stands for it.
     */
    void handedOver(Call call);

    /** The caller was thanked: hang up. */
    void done(Call call);
  }

  /** A message being recorded. */
  private static final class Message {
    final String queue;
    final int maxSeconds;
    final boolean enqueue;
    PlannedRecording planned;
    Recording live;
    ScheduledFuture<?> limit;

    Message(String queue, int maxSeconds, boolean enqueue) {
      this.queue = queue;
      this.maxSeconds = maxSeconds;
      this.enqueue = enqueue;
    }
  }

  private final Set<String> queues;
  private final int maxSeconds;
  private final String greeting;
  private final String thanks;
  private final String language;
  private final Supplier<MediaService> media;
  private final Supplier<RecordingCatalog> catalog;
  private final Supplier<ChannelContext> core;
  private final Speech speech;
  private final Executor pool;
  private final ScheduledExecutorService timers;
  private final Map<Call, Message> recording = new java.util.concurrent.ConcurrentHashMap<>();

  Voicemail(
      List<String> queues,
      int maxSeconds,
      String greeting,
      String thanks,
      String language,
      Supplier<MediaService> media,
      Supplier<RecordingCatalog> catalog,
      Supplier<ChannelContext> core,
      Speech speech,
      Executor pool,
      ScheduledExecutorService timers) {
    if (maxSeconds < 5 || maxSeconds > 3600) {
      throw new IllegalArgumentException(
          "voicemailMaxSeconds must be between 5 and 3600, got " + maxSeconds);
    }
    this.queues = Set.copyOf(queues);
    this.maxSeconds = maxSeconds;
    this.greeting = greeting;
    this.thanks = thanks;
    this.language = language;
    this.media = media;
    this.catalog = catalog;
    this.core = core;
    this.speech = speech;
    this.pool = pool;
    this.timers = timers;
  }

  /** Whether calls waiting in {@code queue} leave a voicemail instead of waiting. */
  boolean isVoicemailQueue(String queue) {
    return queue != null && queues.contains(queue);
  }

  /** Whether messages can be taken now (media engine and recording catalogue both there). */
  boolean available() {
    return media.get() != null && catalog.get() != null;
  }

  /** Whether the interaction is a voicemail waiting for an agent (it has no call any more). */
  static boolean isVoicemail(Interaction i) {
    return i.attributes().containsKey(RECORDING);
  }

  /**
   * The call waits in a voicemail queue (already QUEUED there): the caller leaves a message of at
   * most {@code voicemailMaxSeconds}. False (nothing done) when voicemail is not available.
   */
  boolean inQueue(Call call, Exit exit) {
    return start(call, new Message(call.queue, maxSeconds, false), exit);
  }

  /**
   * A flow's voicemail node: the message is taken, then the interaction is queued in {@code queue}.
   * False (nothing done) when voicemail is not available.
   */
  boolean fromFlow(Call call, String queue, int seconds, Exit exit) {
    return start(call, new Message(queue, Math.min(seconds, 3600), true), exit);
  }

  private boolean start(Call call, Message message, Exit exit) {
    if (call.media == null || !available()) {
      LOG.warn(
          "Call {}: voicemail is not available (media engine or recording catalogue missing)",
          call.customerCallId);
      return false;
    }
    call.phase = Call.Phase.VOICEMAIL;
    call.queue = message.queue;
    recording.put(call, message);
    exit.answer(call);
    pool.execute(
        () -> {
          List<Prompt> intro = new ArrayList<>();
          speech.say(greeting, language).ifPresent(intro::add);
          prompt(BEEP).ifPresent(intro::add);
          call.executor.execute(() -> playThenRecord(call, message, intro, exit));
        });
    return true;
  }

  private void playThenRecord(Call call, Message message, List<Prompt> intro, Exit exit) {
    if (recording.get(call) != message) {
      return;
    }
    call.media.customer.play(
        intro,
        false,
        interrupted -> {
          if (!interrupted) {
            call.executor.execute(() -> record(call, message, exit));
          }
        });
  }

  private void record(Call call, Message message, Exit exit) {
    if (recording.get(call) != message || call.phase != Call.Phase.VOICEMAIL) {
      return;
    }
    RecordingCatalog recordings = catalog.get();
    MediaService engine = media.get();
    if (recordings == null || engine == null) {
      stop(call, true, exit);
      return;
    }
    try {
      message.planned = recordings.plan(call.interactionId, null, message.queue);
      message.live = engine.record(call.media.customer, null, message.planned.file());
      recordings.started(message.planned, message.live);
    } catch (MediaException | RuntimeException e) {
      LOG.warn(
          "Call {}: the voicemail cannot be recorded: {}", call.customerCallId, e.getMessage());
      if (message.planned != null) {
        recordings.failed(message.planned, e.getMessage());
      }
      message.planned = null;
      message.live = null;
      stop(call, true, exit);
      return;
    }
    call.media.customer.onDtmf(
        (digit, source) -> {
          if (digit == '#') {
            call.executor.execute(() -> stop(call, true, exit));
          }
        });
    message.limit =
        timers.schedule(
            () -> call.executor.execute(() -> stop(call, true, exit)),
            message.maxSeconds,
            TimeUnit.SECONDS);
  }

  /** The caller hung up: what they said so far is the message. */
  void callerLeft(Call call) {
    stop(call, false, null);
  }

  /**
   * An agent is free for the caller who is still recording in a voicemail queue: the message is
   * dropped and the caller talks to the agent instead. False when the call takes no message now or
   * came from a flow (its interaction is not queued yet).
   */
  boolean giveUpForAgent(Call call) {
    Message message = recording.get(call);
    if (message == null || message.enqueue) {
      return false;
    }
    recording.remove(call);
    cancelLimit(message);
    if (message.live != null) {
      Recording live = message.live;
      PlannedRecording planned = message.planned;
      pool.execute(
          () -> {
            try {
              live.stop();
            } catch (MediaException e) {
              LOG.debug("Dropped voicemail of {}: {}", call.customerCallId, e.getMessage());
            }
            RecordingCatalog recordings = catalog.get();
            if (recordings != null) {
              recordings.failed(planned, "dropped: an agent took the call live");
            }
          });
    }
    call.media.customer.stopPlaying();
    call.phase = Call.Phase.QUEUED;
    return true;
  }

  /**
   * Ends the message (# pressed, limit reached, hung up): it is stored and handed over to the
   * queue, then the caller, if still there, is thanked.
   */
  private void stop(Call call, boolean callerThere, Exit exit) {
    Message message = recording.remove(call);
    if (message == null) {
      return;
    }
    cancelLimit(message);
    if (call.phase == Call.Phase.VOICEMAIL) {
      call.phase = Call.Phase.HANDED_OVER;
    }
    String interaction = call.interactionId;
    Recording live = message.live;
    PlannedRecording planned = message.planned;
    pool.execute(
        () -> {
          RecordingInfo stored = store(live, planned);
          handOver(interaction, message, stored);
          if (!callerThere) {
            return;
          }
          java.util.Optional<Prompt> spoken = speech.say(thanks, language);
          call.executor.execute(
              () -> {
                exit.handedOver(call);
                thank(call, spoken, exit);
              });
        });
  }

  private RecordingInfo store(Recording live, PlannedRecording planned) {
    if (live == null) {
      return null;
    }
    RecordingCatalog recordings = catalog.get();
    try {
      RecordedFile file = live.stop();
      if (recordings == null) {
        LOG.warn("Voicemail {} is in {} but the catalogue is gone", planned.id(), file.file());
        return null;
      }
      if (file.duration().toMillis() < SHORTEST_MESSAGE_MILLIS) {
        recordings.failed(planned, "shorter than a second: no message");
        return null;
      }
      return recordings.stored(planned, file);
    } catch (MediaException | RuntimeException e) {
      if (recordings != null) {
        recordings.failed(planned, e.getMessage());
      }
      return null;
    }
  }

  /**
   * The interaction with its message waits in the queue for an agent; without a message (the caller
   * said nothing, the recording failed) it is abandoned.
   */
  private void handOver(String interaction, Message message, RecordingInfo stored) {
    ChannelContext c = core.get();
    if (c == null) {
      return;
    }
    if (stored == null) {
      CoreCalls.quietly(() -> c.abandoned(interaction, "voicemail-empty"));
      return;
    }
    CoreCalls.quietly(
        () ->
            c.updateAttributes(
                interaction,
                Map.of(
                    RECORDING,
                    stored.id(),
                    "voicemail.seconds",
                    String.valueOf(stored.duration().toSeconds()))));
    if (message.enqueue) {
      CoreCalls.quietly(() -> c.enqueue(interaction, QueueRequest.to(message.queue)));
    }
    LOG.info("Voicemail {} of {} waits in {}", stored.id(), interaction, message.queue);
  }

  private static void thank(Call call, java.util.Optional<Prompt> spoken, Exit exit) {
    if (call.phase != Call.Phase.HANDED_OVER) {
      return; // hung up meanwhile
    }
    if (spoken.isEmpty() || call.media == null) {
      exit.done(call);
      return;
    }
    call.media.customer.play(
        List.of(spoken.get()), false, interrupted -> call.executor.execute(() -> exit.done(call)));
  }

  private static void cancelLimit(Message message) {
    if (message.limit != null) {
      message.limit.cancel(false);
    }
  }

  private java.util.Optional<Prompt> prompt(String name) {
    MediaService engine = media.get();
    try {
      return engine == null
          ? java.util.Optional.empty()
          : java.util.Optional.of(engine.prompt(name));
    } catch (MediaException e) {
      LOG.warn("Prompt '{}' cannot play: {}", name, e.getMessage());
      return java.util.Optional.empty();
    }
  }
}
