package org.switchboard.channel.sip.internal;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.channel.spi.ChannelContext;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.TransferTarget;

/**
 * Requests inside a bridged call: re-INVITE, UPDATE and INFO passed from one leg to the other (the
 * agent's hold and resume reported to the core), and the agent's REFER (blind transfer). Like the
 * rest of call control, the work runs on the call's {@link SerialExecutor}.
 */
final class InCallRequests {
  private static final Logger LOG = LoggerFactory.getLogger(InCallRequests.class);

  private final SipMessages sip;
  private final CallLegs legs;
  private final CallTable table;
  private final CallRouting routing;
  private final MediaAnchor anchor;
  private final CallMonitors monitors;
  private final Clock clock;
  private final Supplier<ChannelContext> core;

  InCallRequests(
      SipMessages sip,
      CallLegs legs,
      CallTable table,
      CallRouting routing,
      MediaAnchor anchor,
      CallMonitors monitors,
      Clock clock,
      Supplier<ChannelContext> core) {
    this.sip = sip;
    this.legs = legs;
    this.table = table;
    this.routing = routing;
    this.anchor = anchor;
    this.monitors = monitors;
    this.clock = clock;
    this.core = core;
  }

  /** A re-INVITE, UPDATE or INFO inside a bridged call: passed to the other leg. */
  void relay(RequestEvent event, ServerTransaction tx) throws Exception {
    Call call = table.callOf(event.getRequest(), tx, sip);
    if (call != null) {
      boolean fromAgent = call.fromAgent(event.getRequest());
      call.executor.execute(() -> relayRequest(call, tx, fromAgent));
    }
  }

  private void relayRequest(Call call, ServerTransaction tx, boolean fromAgent) {
    Request req = tx.getRequest();
    Call.MonitorLeg supervisor = CallMonitors.legWithCallId(call, SipMessages.callId(req));
    if (supervisor != null) {
      monitors.inDialog(call, supervisor, tx);
      return;
    }
    if (call.media != null) {
      answerHere(call, tx, fromAgent);
      return;
    }
    try {
      if (call.phase != Call.Phase.BRIDGED) {
        tx.sendResponse(sip.response(Response.REQUEST_PENDING, req));
        return;
      }
      if (call.pendingRelay != null) {
        tx.sendResponse(sip.response(Response.REQUEST_PENDING, req));
        return;
      }
      Dialog other = fromAgent ? call.customerDialog : call.bridged.dialog;
      call.pendingRelay = new Call.Relay(tx, fromAgent);
      legs.relay(other, req, call.pendingRelay);
      if (fromAgent && Request.INVITE.equals(req.getMethod())) {
        holdOrResume(call, Sdp.direction(req.getRawContent()));
      }
    } catch (Exception e) {
      call.pendingRelay = null;
      LOG.info(
          "Relaying {} in call {} failed: {}", req.getMethod(), call.customerCallId, e.toString());
      legs.respondQuietly(tx, Response.SERVER_INTERNAL_ERROR);
    }
  }

  /**
   * With anchored media an in-dialog request is the business of the leg it came on: an offer (hold,
   * resume, a new address) is answered by that leg's media session, a DTMF INFO goes to it as a
   * digit; the other leg hears music while the agent holds, and is never asked.
   */
  private void answerHere(Call call, ServerTransaction tx, boolean fromAgent) {
    Request req = tx.getRequest();
    try {
      if (fromAgent && call.phase != Call.Phase.BRIDGED) {
        tx.sendResponse(sip.response(Response.REQUEST_PENDING, req));
        return;
      }
      if (Request.INFO.equals(req.getMethod())) {
        DtmfInfo.digit(req).ifPresent(d -> anchor.dtmf(call, fromAgent, d));
        tx.sendResponse(sip.response(Response.OK, req));
        return;
      }
      byte[] answer = anchor.answerInCall(call, fromAgent, req.getRawContent());
      legs.answerWithSdp(tx, answer);
      if (fromAgent && Request.INVITE.equals(req.getMethod())) {
        holdOrResume(call, Sdp.direction(req.getRawContent()));
      }
    } catch (org.switchboard.media.api.MediaException e) {
      LOG.info(
          "Call {}: {} not answerable: {}", call.customerCallId, req.getMethod(), e.getMessage());
      legs.respondQuietly(tx, Response.NOT_ACCEPTABLE_HERE);
    } catch (Exception e) {
      LOG.info(
          "Answering {} in call {} failed: {}", req.getMethod(), call.customerCallId, e.toString());
      legs.respondQuietly(tx, Response.SERVER_INTERNAL_ERROR);
    }
  }

  void relayed(Call call, Call.Relay relay, Response response) {
    if (response.getStatusCode() < 200 && response.getStatusCode() != Response.SESSION_PROGRESS) {
      return;
    }
    if (response.getStatusCode() >= 200 && call.pendingRelay == relay) {
      call.pendingRelay = null;
    }
    legs.answerRelay(
        relay, response, relay.fromAgent() ? call.customerDialog : call.bridged.dialog);
  }

  /**
   * REFER from the agent's phone: a blind transfer to the queue of a routed number or to an agent
   * (the Refer-To user). The core moves the interaction; the agent's leg gets 202, a NOTIFY that
   * the transfer is done, and BYE; the customer stays connected to Switchboard until the next agent
   * answers, and is then re-INVITEd with that agent's SDP.
   */
  void refer(RequestEvent event, ServerTransaction tx) throws Exception {
    Request req = event.getRequest();
    Call call = table.callOf(req, tx, sip);
    if (call == null) {
      return;
    }
    Optional<TransferTarget> target = routing.transferTarget(req);
    if (target.isEmpty()) {
      tx.sendResponse(sip.response(Response.BAD_REQUEST, req));
      return;
    }
    boolean fromAgent = call.fromAgent(req);
    call.executor.execute(
        () -> {
          if (CallMonitors.legWithCallId(call, SipMessages.callId(req)) != null) {
            legs.respondQuietly(tx, Response.FORBIDDEN); // a supervisor listens, never transfers
          } else {
            transfer(call, tx, fromAgent, target.get());
          }
        });
  }

  private void transfer(Call call, ServerTransaction tx, boolean fromAgent, TransferTarget target) {
    ChannelContext c = core.get();
    if (!fromAgent || call.phase != Call.Phase.BRIDGED || c == null) {
      legs.respondQuietly(tx, Response.FORBIDDEN);
      return;
    }
    try {
      c.transferred(call.interactionId, target, Map.of("sip.transferredBy", call.bridged.agentId));
    } catch (SwitchboardException e) {
      LOG.info("Transfer of call {} refused: {}", call.customerCallId, e.getMessage());
      legs.respondQuietly(
          tx,
          e instanceof org.switchboard.core.api.NotFoundException
              ? Response.NOT_FOUND
              : Response.FORBIDDEN);
      return;
    }
    Call.AgentLeg old = call.bridged;
    old.endedBy = "agent: transferred";
    old.endedAt = clock.instant();
    legs.respondQuietly(tx, Response.ACCEPTED);
    legs.notifyTransferDone(old.dialog);
    legs.hangUp(old);
    call.bridged = null;
    call.phase = Call.Phase.QUEUED;
    if (call.media != null) {
      anchor.agentLeft(call);
      call.queue = target.queue() != null ? target.queue() : call.queue;
      anchor.waiting(call, call.queue);
    }
  }

  void reoffered(Call call, Call.Reoffer r, Response response) {
    int status = response.getStatusCode();
    if (status < 200) {
      return;
    }
    if (status >= 300) {
      LOG.info(
          "Customer of call {} refused the new agent's media: {}", call.customerCallId, status);
      legs.ackAndHangUp(r.leg(), r.agentOk());
      legs.hangUp(call.customerDialog);
      tell(c -> c.conversationEnded(call.interactionId));
      table.forget(call);
      return;
    }
    legs.completeReoffer(call, r, response);
  }

  private void holdOrResume(Call call, Sdp.Direction direction) {
    if (direction.holds()) {
      tell(c -> c.held(call.interactionId));
    } else {
      tell(c -> c.resumed(call.interactionId));
    }
  }

  private void tell(java.util.function.Function<ChannelContext, Interaction> change) {
    CoreCalls.tell(core.get(), change);
  }
}
