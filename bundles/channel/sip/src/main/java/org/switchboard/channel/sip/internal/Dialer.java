package org.switchboard.channel.sip.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sip.SipProvider;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.channel.spi.ChannelContext;
import org.switchboard.channel.spi.Offer;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.interaction.Attributes;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.media.api.MediaException;

/**
 * Calls Switchboard places: agents' dials (click-to-call) and the callbacks customers asked for
 * while waiting. The agent's phones ring first; when one answers, the customer is called through
 * the outbound trunk, and the call is then an ordinary bridged call of {@link CallControl}. With
 * the media engine both legs are anchored (each answered by its own media session, so recording,
 * hold music and DTMF work as on calls that came in); without it the phone's SDP offer goes to the
 * customer (RFC 3725 flow I) and the customer's answer completes both legs.
 *
 * <p>A dial that does not connect closes its interaction with the outcome (busy, no-answer,
 * agent-no-answer...) and the SIP status as note. A callback whose agent does not answer goes back
 * to the head of its queue (RONA); one whose customer cannot be reached ends in the agent's wrap-up
 * with {@code callback.outcome} set, so the agent decides what happens next.
 *
 * <p>Runs on the call's {@link SerialExecutor}, like the rest of call control.
 */
final class Dialer {
  private static final Logger LOG = LoggerFactory.getLogger(Dialer.class);

  /** Rings an agent's registered phones for a call; false when none could be rung. */
  @FunctionalInterface
  interface Phones {
    boolean ring(Call call, String agentId);
  }

  private final SipProvider provider;
  private final SipMessages sip;
  private final CallLegs legs;
  private final CallTable table;
  private final OutboundTrunk trunk;
  private final java.util.concurrent.Executor pool;
  private final ScheduledExecutorService timers;
  private final java.time.Clock clock;
  private final Supplier<ChannelContext> core;
  private final Phones phones;
  private final gov.nist.javax.sip.clientauthutils.AuthenticationHelper auth;
  private final MediaAnchor anchor;
  private final CallbackOffers retries;

  Dialer(
      SipProvider provider,
      SipMessages sip,
      CallLegs legs,
      CallTable table,
      OutboundTrunk trunk,
      java.util.concurrent.Executor pool,
      ScheduledExecutorService timers,
      java.time.Clock clock,
      Supplier<ChannelContext> core,
      Phones phones,
      gov.nist.javax.sip.clientauthutils.AuthenticationHelper auth,
      MediaAnchor anchor,
      CallbackOffers retries) {
    this.provider = provider;
    this.sip = sip;
    this.legs = legs;
    this.table = table;
    this.trunk = trunk;
    this.pool = pool;
    this.timers = timers;
    this.clock = clock;
    this.core = core;
    this.phones = phones;
    this.auth = auth;
    this.anchor = anchor;
    this.retries = retries;
  }

  /** The core reserved the agent for a dial: check the number, then ring the agent's phones. */
  void dial(Offer offer) {
    Interaction i = offer.interaction();
    OutboundTrunk.Check check = trunk.check(i.to());
    if (check instanceof OutboundTrunk.Refused r) {
      pool.execute(() -> fail(i.id(), r.outcome(), r.note()));
      return;
    }
    start(offer, ((OutboundTrunk.Dialable) check).number(), false);
  }

  /**
   * The ACD offered a callback the customer asked for (its call is gone): the agent's phones ring,
   * then the customer is called at the callback address.
   */
  void callback(Offer offer) {
    Interaction i = offer.interaction();
    OutboundTrunk.Check check = trunk.check(i.attributes().get(Attributes.CALLBACK_ADDRESS));
    if (check instanceof OutboundTrunk.Refused r) {
      LOG.warn("Callback {} cannot be placed: {} ({})", i.id(), r.outcome(), r.note());
      pool.execute(() -> tell(c -> c.abandoned(i.id(), "callback-" + r.outcome())));
      return;
    }
    start(offer, ((OutboundTrunk.Dialable) check).number(), true);
  }

  private void start(Offer offer, String number, boolean callback) {
    Interaction i = offer.interaction();
    String agentId = offer.agent().id();
    Call call =
        new Call(
            provider.getNewCallId().getCallId(), new SerialExecutor(pool), number, clock.instant());
    call.callback = callback;
    call.callbackAttempt = callback ? attemptsSoFar(i) + 1 : 0;
    call.queue = i.queue();
    table.add(call);
    table.bind(i.id(), call);
    call.executor.execute(
        () -> {
          tell(
              c ->
                  c.updateAttributes(
                      i.id(),
                      Map.of(
                          CallRouting.CALL_ID,
                          call.customerCallId,
                          "sip.dialled",
                          number,
                          "sip.callerId",
                          trunk.callerId())));
          call.phase = Call.Phase.DIALING_AGENT;
          call.offeredAgent = agentId; // whom a callback that fails from here goes back from
          try {
            call.media = anchor.anchorDial(call);
          } catch (MediaException e) {
            end(call, "failed", "no media for the call: " + e.getMessage());
            return;
          }
          if (!phones.ring(call, agentId)) {
            call.offeredAgent = agentId; // for a callback's RONA
            end(call, "agent-unreachable", "the agent has no registered phone that could be rung");
            return;
          }
          long wait =
              Math.max(1, java.time.Duration.between(clock.instant(), offer.deadline()).toMillis());
          after(call, wait, Call.Phase.DIALING_AGENT, () -> agentDidNotAnswer(call));
        });
  }

  // ---- the agent's phones -------------------------------------------------------------------

  /** A response to the INVITE of one of the agent's phones. */
  void agentAnswer(Call call, Call.AgentLeg leg, Response response) {
    int status = response.getStatusCode();
    if (status < 200) {
      legs.provisional(leg);
      return;
    }
    if (status >= 300) {
      agentRefused(call, leg, status, status + " " + response.getReasonPhrase());
      return;
    }
    if (leg == call.bridged) {
      return; // the phone repeats its 200 until our ACK, which waits for the customer
    }
    if (leg.cancelled || call.phase != Call.Phase.DIALING_AGENT) {
      legs.ackAndHangUp(leg, response);
      return;
    }
    call.ringing.remove(leg);
    for (Call.AgentLeg other : List.copyOf(call.ringing)) {
      legs.cancel(other);
    }
    call.ringing.clear();
    call.bridged = leg;
    call.phase = Call.Phase.CALLING_CUSTOMER;
    leg.unacked = response;
    try {
      if (call.media != null) {
        anchor.agentAnswered(call, response.getRawContent());
        legs.ackAgent(leg, response);
        leg.unacked = null;
      }
      if (call.callback) {
        core.get()
            .accepted(call.interactionId, leg.agentId, Map.of("sip.agentContact", leg.contact));
      }
    } catch (Exception e) {
      LOG.info("Call {}: the agent's answer cannot be used: {}", call.interactionId, e.toString());
      call.phase = Call.Phase.DIALING_AGENT; // not accepted: a callback returns to its queue
      end(call, "failed", "the agent's answer could not be used: " + e.getMessage());
      return;
    }
    try {
      legs.callCustomer(call, trunk.target(sip, call.customerUser), trunk.callerId(), response);
    } catch (Exception e) {
      LOG.warn("Calling {} through the trunk failed: {}", call.customerUser, e.toString());
      end(call, "failed", "the trunk could not be called: " + e.getMessage());
      return;
    }
    after(
        call,
        trunk.ringTime().toMillis(),
        Call.Phase.CALLING_CUSTOMER,
        () -> {
          LOG.info(
              "Dial {}: no answer from {} in {}",
              call.interactionId,
              call.customerUser,
              trunk.ringTime());
          call.customerLeg.cancelled = true;
          legs.cancel(call.customerLeg);
          end(call, "no-answer", "no answer within " + trunk.ringTime().toSeconds() + " s");
        });
  }

  /** One phone refused or timed out; the dial fails when it was the last one ringing. */
  void agentRefused(Call call, Call.AgentLeg leg, int status, String cause) {
    call.ringing.remove(leg);
    table.removeLeg(leg.callId);
    if (leg.cancelled || call.phase != Call.Phase.DIALING_AGENT) {
      return;
    }
    legs.endForksOnGlobalFailure(call, status);
    if (!call.ringing.isEmpty()) {
      return;
    }
    end(call, "agent-no-answer", "the agent's phone answered " + cause);
  }

  private void agentDidNotAnswer(Call call) {
    end(call, "agent-no-answer", "the agent did not pick up in time");
  }

  // ---- the customer ----------------------------------------------------------------------

  /** A response to our INVITE to the customer. */
  void customerAnswer(Call call, Response response) {
    int status = response.getStatusCode();
    Call.InviteLeg leg = call.customerLeg;
    if (status < 200) {
      legs.provisional(leg);
      return;
    }
    if (call.customerAnswered) {
      return; // the trunk repeats its 200 until it sees our ACK
    }
    if (call.phase != Call.Phase.CALLING_CUSTOMER) {
      if (status < 300) {
        legs.ackAndHangUp(leg, response); // answered just as we gave up
      }
      return;
    }
    if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
        && answerChallenge(call, response)) {
      return;
    }
    if (status >= 300) {
      end(call, outcome(status), status + " " + response.getReasonPhrase());
      return;
    }
    try {
      legs.connectDial(call, response);
    } catch (Exception e) {
      call.customerAnswered = true; // their 200 came: the leg is ended by BYE, not CANCEL
      end(call, "failed", "the customer's answer could not be used: " + e.getMessage());
      return;
    }
    call.customerAnswered = true;
    call.phase = Call.Phase.BRIDGED;
    if (call.callback) {
      return; // accepted when the agent answered
    }
    try {
      ChannelContext c = core.get();
      if (c == null) {
        throw new SwitchboardException("the core is not available");
      }
      c.accepted(call.interactionId, call.bridged.agentId);
    } catch (SwitchboardException e) {
      LOG.info("Dial {} could not be connected: {}", call.interactionId, e.getMessage());
      legs.hangUp(call.customerDialog);
      legs.hangUp(call.bridged);
      table.forget(call);
    }
  }

  /**
   * The trunk challenged our INVITE: it is sent again once with digest credentials (JAIN-SIP's
   * authentication helper computes them), in a new transaction and dialog of the same call.
   */
  private boolean answerChallenge(Call call, Response challenge) {
    Call.InviteLeg leg = call.customerLeg;
    if (auth == null || leg.authenticated) {
      return false;
    }
    try {
      javax.sip.ClientTransaction retry =
          auth.handleChallenge(challenge, leg.inviteTx, provider, 0);
      retry.setApplicationData(leg);
      leg.authenticated = true;
      leg.outcome = null;
      leg.endedAt = null;
      leg.provisional = false;
      leg.inviteTx = retry;
      leg.dialog = provider.getNewDialog(retry);
      call.customerDialog = leg.dialog;
      call.invite = retry.getRequest();
      retry.sendRequest();
      return true;
    } catch (javax.sip.SipException | RuntimeException e) {
      LOG.warn(
          "Dial {}: answering the trunk's challenge failed: {}", call.interactionId, e.toString());
      return false;
    }
  }

  /** Our INVITE to the customer went unanswered at the transaction level (Timer B). */
  void customerTimedOut(Call call) {
    if (call.phase == Call.Phase.CALLING_CUSTOMER) {
      end(call, "failed", "the trunk did not answer the INVITE");
    }
  }

  /** The dial was cancelled elsewhere (the agent closed it on the desktop, logged out). */
  void abort(Call call) {
    call.endedBy = call.endedBy == null ? "switchboard: dial cancelled" : call.endedBy;
    for (Call.AgentLeg leg : List.copyOf(call.ringing)) {
      legs.cancel(leg);
    }
    call.ringing.clear();
    release(call);
    table.forget(call);
  }

  /** The SIP status of a failed customer leg as the dial's outcome. */
  static String outcome(int status) {
    return switch (status) {
      case Response.BUSY_HERE, Response.BUSY_EVERYWHERE -> "busy";
      case Response.TEMPORARILY_UNAVAILABLE,
              Response.REQUEST_TIMEOUT,
              Response.REQUEST_TERMINATED ->
          "no-answer";
      case Response.NOT_FOUND,
              Response.ADDRESS_INCOMPLETE,
              Response.DOES_NOT_EXIST_ANYWHERE,
              Response.GONE ->
          "invalid-number";
      case Response.FORBIDDEN, Response.DECLINE -> "rejected";
      default -> "failed";
    };
  }

  // ---- ending --------------------------------------------------------------------------------

  /**
   * The dial ends without a conversation: both legs released, the interaction closed. A callback
   * whose agent did not answer goes back to its queue; one the agent accepted ends in wrap-up.
   */
  private void end(Call call, String outcome, String note) {
    if (call.phase == Call.Phase.ENDED) {
      return;
    }
    LOG.info("Dial {} to {} ended: {} ({})", call.interactionId, call.customerUser, outcome, note);
    call.endedBy = "switchboard: " + outcome;
    for (Call.AgentLeg leg : List.copyOf(call.ringing)) {
      legs.cancel(leg);
    }
    call.ringing.clear();
    release(call);
    String id = call.interactionId;
    String agent = call.bridged != null ? call.bridged.agentId : call.offeredAgent;
    boolean accepted = call.phase != Call.Phase.DIALING_AGENT;
    table.forget(call);
    if (!call.callback) {
      fail(id, outcome, note);
    } else if (!accepted && agent != null) {
      tell(c -> c.noAnswer(id, agent, Map.of("sip.lastCause", agent + ": " + note)));
    } else if (accepted) {
      customerNotReached(call, id, outcome, note);
    }
  }

  /**
   * The agent took the callback but the customer was not reached: it goes back to its queue for a
   * later attempt (the agent is free meanwhile), or, after the last one, ends in the agent's
   * wrap-up with the outcome.
   */
  private void customerNotReached(Call call, String id, String outcome, String note) {
    Map<String, String> result = new java.util.HashMap<>();
    result.put(Attributes.CALLBACK_ATTEMPTS, String.valueOf(call.callbackAttempt));
    result.put("callback.outcome", outcome);
    result.put("sip.lastCause", note);
    java.util.Optional<java.time.Instant> next =
        retries.nextAttempt(call.callbackAttempt, outcome, clock.instant());
    if (next.isEmpty() || call.queue == null) {
      tell(c -> c.conversationEnded(id, result));
      return;
    }
    result.put(Attributes.CALLBACK_NOT_BEFORE, next.get().toString());
    LOG.info(
        "Callback {}: attempt {} {}; next at {}", id, call.callbackAttempt, outcome, next.get());
    tell(
        c ->
            c.transferred(
                id,
                org.switchboard.core.api.interaction.TransferTarget.toQueue(call.queue),
                result));
  }

  private static int attemptsSoFar(Interaction i) {
    try {
      return Math.max(
          0, Integer.parseInt(i.attributes().getOrDefault(Attributes.CALLBACK_ATTEMPTS, "0")));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Lets go of the agent's answered phone and the customer's leg, whatever state they are in. */
  private void release(Call call) {
    Call.AgentLeg agent = call.bridged;
    if (agent != null && agent.unacked != null) {
      Response ok = agent.unacked;
      agent.unacked = null;
      legs.ackAndHangUp(agent, ok);
    } else if (agent != null) {
      legs.hangUp(agent);
    }
    Call.InviteLeg customer = call.customerLeg;
    if (customer != null && !call.customerAnswered) {
      customer.cancelled = true;
      legs.cancel(customer);
    } else if (customer != null) {
      legs.hangUp(call.customerDialog);
    }
  }

  private void fail(String interactionId, String outcome, String note) {
    tell(c -> c.dialFailed(interactionId, outcome, note));
  }

  /**
   * Runs {@code action} on the call's executor after {@code millis}, if the call is still in phase.
   */
  private void after(Call call, long millis, Call.Phase phase, Runnable action) {
    timers.schedule(
        () ->
            call.executor.execute(
                () -> {
                  if (call.phase == phase) {
                    action.run();
                  }
                }),
        millis,
        TimeUnit.MILLISECONDS);
  }

  private void tell(java.util.function.Function<ChannelContext, Interaction> change) {
    CoreCalls.tell(core.get(), change);
  }
}
