package org.switchboard.channel.sip.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.channel.spi.ChannelContext;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.interaction.QueueRequest;
import org.switchboard.flow.api.FlowRun;
import org.switchboard.flow.api.FlowService;
import org.switchboard.flow.api.FlowSession;
import org.switchboard.media.api.MediaException;
import org.switchboard.media.api.MediaService;
import org.switchboard.media.api.Prompt;

/**
 * Calls to a number that leads to a flow (IVR): Switchboard answers, the flow engine runs the flow
 * and this class is its voice side: prompts and text-to-speech play on the caller's media session,
 * the caller's DTMF digits go to the flow, and the flow's end (a queue, a transfer to one of our
 * numbers, hang-up) is carried out on the call. Everything runs on the call's {@link
 * SerialExecutor}; rendering speech runs on the call pool.
 */
final class FlowCalls {
  private static final Logger LOG = LoggerFactory.getLogger(FlowCalls.class);

  /** What call control does when a flow ends. */
  interface Exits {
    /** The flow queued the call (the interaction is QUEUED already). */
    void queued(Call call, String queue);

    /**
     * The flow sends the caller to voicemail; the interaction is queued in {@code queue} with the
     * message. False when voicemail is not available (the caller is then queued without one).
     */
    boolean voicemail(Call call, String queue, int maxSeconds);

    /** The flow ended the call; the interaction is closed (self-served) already. */
    void hungUp(Call call);
  }

  private final Supplier<FlowService> flows;
  private final Supplier<MediaService> media;
  private final Speech speech;
  private final Supplier<ChannelContext> core;
  private final CallRouting routing;
  private final Executor pool;
  private final String fallbackQueue;

  FlowCalls(
      Supplier<FlowService> flows,
      Supplier<MediaService> media,
      Speech speech,
      Supplier<ChannelContext> core,
      CallRouting routing,
      Executor pool,
      String fallbackQueue) {
    this.flows = flows;
    this.media = media;
    this.speech = speech;
    this.core = core;
    this.routing = routing;
    this.pool = pool;
    this.fallbackQueue = fallbackQueue;
  }

  /** Whether flows can run now (engine and media both there). */
  boolean available() {
    return flows.get() != null && media.get() != null;
  }

  /**
   * Starts the flow for an answered, anchored call whose interaction is IN_FLOW; the caller's
   * digits go to it from now on.
   */
  void start(Call call, String flowId, Map<String, String> attributes, Exits exits) {
    FlowService engine = flows.get();
    CallFlow session = new CallFlow(call, exits);
    call.phase = Call.Phase.IN_FLOW;
    call.flow = engine.start(flowId, session, attributes);
    call.media.customer.onDtmf(
        (digit, source) -> call.executor.execute(() -> session.digit(digit)));
  }

  /** The caller hung up during the flow: the run stops its timers. */
  static void customerLeft(Call call) {
    FlowRun run = call.flow;
    if (run != null && !run.ended()) {
      run.customerLeft();
    }
  }

  /** One call's side of its flow run. Every method hops onto the call's executor. */
  private final class CallFlow implements FlowSession {
    private final Call call;
    private final Exits exits;

    /** Counts playbacks, so a late "done" of a replaced one is not taken for the current one. */
    private int playback;

    CallFlow(Call call, Exits exits) {
      this.call = call;
      this.exits = exits;
    }

    @Override
    public ChannelType channel() {
      return ChannelType.VOICE;
    }

    void digit(char digit) {
      if (call.phase == Call.Phase.IN_FLOW && call.flow != null && !call.flow.ended()) {
        call.flow.input(String.valueOf(digit));
      }
    }

    @Override
    public void play(List<String> prompts, boolean bargeIn) {
      call.executor.execute(() -> playNow(resolve(prompts)));
    }

    private List<Prompt> resolve(List<String> names) {
      List<Prompt> found = new ArrayList<>();
      MediaService engine = media.get();
      for (String name : names) {
        try {
          if (engine != null) {
            found.add(engine.prompt(name));
          }
        } catch (MediaException e) {
          LOG.warn("Call {}: prompt '{}' skipped: {}", call.customerCallId, name, e.getMessage());
        }
      }
      return found;
    }

    private void playNow(List<Prompt> prompts) {
      if (!inFlow()) {
        return;
      }
      int mine = ++playback;
      if (prompts.isEmpty()) {
        call.executor.execute(() -> done(mine));
        return;
      }
      call.media.customer.play(
          prompts,
          false,
          interrupted -> {
            if (!interrupted) {
              call.executor.execute(() -> done(mine));
            }
          });
    }

    private void done(int which) {
      if (which == playback && inFlow() && !call.flow.ended()) {
        call.flow.playbackDone();
      }
    }

    @Override
    public void say(String text, String language, boolean bargeIn) {
      pool.execute(
          () -> {
            List<Prompt> spoken = speech.say(text, language).map(List::of).orElse(List.of());
            call.executor.execute(() -> playNow(spoken));
          });
    }

    @Override
    public void stopPlaying() {
      call.executor.execute(
          () -> {
            playback++;
            if (call.media != null) {
              call.media.customer.stopPlaying();
            }
          });
    }

    @Override
    public void setAttributes(Map<String, String> changes) {
      ChannelContext c = core.get();
      String id = call.interactionId;
      if (c != null && !changes.isEmpty()) {
        pool.execute(() -> CoreCalls.quietly(() -> c.updateAttributes(id, changes)));
      }
    }

    @Override
    public void enqueue(QueueRequest request) {
      call.executor.execute(() -> queue(request));
    }

    private void queue(QueueRequest request) {
      if (!inFlow()) {
        return;
      }
      ChannelContext c = core.get();
      try {
        c.enqueue(call.interactionId, request);
        exits.queued(call, request.queue());
      } catch (RuntimeException e) {
        LOG.warn(
            "Call {}: the flow's queue {} refused it ({}); queueing in {}",
            call.customerCallId,
            request.queue(),
            e.getMessage(),
            fallbackQueue);
        if (request.queue().equals(fallbackQueue)) {
          hangupNow("not-queued");
          return;
        }
        queue(QueueRequest.to(fallbackQueue));
      }
    }

    @Override
    public void transfer(String destination) {
      String queue = routing.queueOf(destination).orElse(null);
      if (queue == null) {
        LOG.warn(
            "Call {}: the flow transfers to {}, which is none of our numbers; queueing in {}",
            call.customerCallId,
            destination,
            fallbackQueue);
      }
      enqueue(QueueRequest.to(queue != null ? queue : fallbackQueue));
    }

    @Override
    public void voicemail(String queue, int maxSeconds) {
      call.executor.execute(
          () -> {
            if (inFlow() && !exits.voicemail(call, queue, maxSeconds)) {
              queue(QueueRequest.to(queue));
            }
          });
    }

    @Override
    public void hangup(String reason) {
      call.executor.execute(() -> hangupNow(reason));
    }

    private void hangupNow(String reason) {
      if (!inFlow()) {
        return;
      }
      ChannelContext c = core.get();
      String code =
          reason == null || !reason.matches("[a-z0-9][a-z0-9_-]{0,63}") ? "self-served" : reason;
      if (c != null) {
        CoreCalls.quietly(() -> c.selfServed(call.interactionId, code, "ended by the flow"));
      }
      exits.hungUp(call);
    }

    private boolean inFlow() {
      return call.phase == Call.Phase.IN_FLOW && call.media != null;
    }
  }
}
