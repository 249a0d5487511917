package org.switchboard.channel.sip.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.channel.spi.ChannelContext;
import org.switchboard.core.api.interaction.Interaction;

/**
 * The callback offer of queues that have one: a waiting caller hears "press 1 to be called back,
 * keeping your place in line" in the queue's announcements, and the digit hands the call over to
 * the ACD's callback: the interaction stays queued with the caller's number, the caller hears a
 * confirmation and we hang up. When an agent is free the {@link Dialer} calls the agent, then the
 * caller; a customer who is busy or does not answer is tried again later ({@code callbackAttempts}
 * in all, {@code callbackRetrySeconds} apart). Only callers whose number the outbound trunk can
 * dial are offered a callback.
 *
 * <p>Runs on the call's {@link SerialExecutor}; speech is rendered on the call pool.
 */
final class CallbackOffers {
  private static final Logger LOG = LoggerFactory.getLogger(CallbackOffers.class);

  /** What call control does when a caller takes the offer. */
  interface Exit {
    /**
     * The core has the callback: the call no longer stands for the interaction, stops its treatment
     * and is answered if it was not (the caller must hear the confirmation).
     */
    void promised(Call call);

    /** The confirmation was said: hang up. */
    void confirmed(Call call);
  }

  private final Set<String> queues;
  private final int attempts;
  private final java.time.Duration retryAfter;
  private final char digit;
  private final String offer;
  private final String confirmation;
  private final String language;
  private final OutboundTrunk trunk;
  private final Supplier<ChannelContext> core;
  private final Speech speech;
  private final Executor pool;

  CallbackOffers(
      List<String> queues,
      int attempts,
      java.time.Duration retryAfter,
      String digit,
      String offer,
      String confirmation,
      String language,
      OutboundTrunk trunk,
      Supplier<ChannelContext> core,
      Speech speech,
      Executor pool) {
    if (digit == null || !digit.strip().matches("[0-9*#]")) {
      throw new IllegalArgumentException(
          "callbackDigit must be one of 0-9, * or #, got '" + digit + "'");
    }
    if (attempts < 1 || attempts > 10) {
      throw new IllegalArgumentException("callbackAttempts must be 1-10, got " + attempts);
    }
    if (retryAfter.isNegative() || retryAfter.compareTo(java.time.Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(
          "callbackRetrySeconds must be 0-86400, got " + retryAfter.toSeconds());
    }
    this.queues = Set.copyOf(queues);
    this.attempts = attempts;
    this.retryAfter = retryAfter;
    this.digit = digit.strip().charAt(0);
    this.offer = offer.replace("{digit}", String.valueOf(this.digit));
    this.confirmation = confirmation;
    this.language = language;
    this.trunk = trunk;
    this.core = core;
    this.speech = speech;
    this.pool = pool;
  }

  /**
   * The call waits in {@code call.queue} now: when that queue offers callbacks and the caller's
   * number can be dialled, the caller's digit takes the offer from here on.
   */
  void arm(Call call, Exit exit) {
    CallMedia m = call.media;
    if (m == null) {
      return;
    }
    m.callbackNumber = null;
    ChannelContext c = core.get();
    if (c == null || call.queue == null || !queues.contains(call.queue)) {
      return;
    }
    String number = c.find(call.interactionId).map(Interaction::from).orElse(null);
    if (number == null || !(trunk.check(number) instanceof OutboundTrunk.Dialable)) {
      return;
    }
    m.callbackNumber = number;
    m.customer.onDtmf((d, source) -> call.executor.execute(() -> pressed(call, d, exit)));
  }

  /**
   * When to try again a callback whose customer could not be reached ({@code outcome}, as a dial's)
   * after {@code made} attempts: empty when that was the last attempt or trying again cannot help
   * (a number that does not exist, a call refused).
   */
  java.util.Optional<java.time.Instant> nextAttempt(
      int made, String outcome, java.time.Instant now) {
    boolean worthIt =
        outcome.equals("busy") || outcome.equals("no-answer") || outcome.equals("failed");
    return worthIt && made < attempts
        ? java.util.Optional.of(now.plus(retryAfter))
        : java.util.Optional.empty();
  }

  /** What the announcements add for this call: the offer, or nothing. */
  String offerFor(Call call) {
    return call.media != null && call.media.callbackNumber != null ? offer : "";
  }

  private void pressed(Call call, char pressed, Exit exit) {
    CallMedia m = call.media;
    if (pressed != digit || call.phase != Call.Phase.QUEUED || m == null) {
      return;
    }
    String number = m.callbackNumber;
    ChannelContext c = core.get();
    if (number == null || c == null) {
      return;
    }
    try {
      c.callbackRequested(call.interactionId, number);
    } catch (RuntimeException e) {
      LOG.info("Call {}: the callback was refused: {}", call.customerCallId, e.getMessage());
      return;
    }
    LOG.info("Call {}: the caller will be called back at {}", call.customerCallId, number);
    exit.promised(call);
    pool.execute(
        () -> {
          var spoken = speech.say(confirmation, language);
          call.executor.execute(
              () -> {
                if (call.phase != Call.Phase.HANDED_OVER) {
                  return;
                }
                if (spoken.isEmpty()) {
                  exit.confirmed(call);
                  return;
                }
                call.media.customer.play(
                    List.of(spoken.get()),
                    false,
                    interrupted -> call.executor.execute(() -> exit.confirmed(call)));
              });
        });
  }
}
