package org.switchboard.channel.sip.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.channel.sip.api.CallMonitor;
import org.switchboard.channel.spi.ChannelContext;
import org.switchboard.core.api.ConflictException;
import org.switchboard.core.api.Identifiers;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.media.api.MediaException;
import org.switchboard.media.api.MediaSession;
import org.switchboard.media.api.Monitoring;

/**
 * Supervisors listening in on bridged calls: their newest registered phone is called with an offer
 * of a media session of its own; when it answers, the engine joins it to the call's customer and
 * agent in the mode asked for. The leg ends when the supervisor hangs up or stops, and with the
 * call's connection to its agent (hang-up, transfer, wrap-up). Work on a call runs on the call's
 * {@link SerialExecutor}; the public methods hop there and wait (bounded) for the answer.
 */
final class CallMonitors implements CallMonitor {
  static final String SUPERVISOR_ATTRIBUTE = "monitor.supervisor";
  static final String MODE_ATTRIBUTE = "monitor.mode";
  private static final Logger LOG = LoggerFactory.getLogger(CallMonitors.class);

  /** Supervisor legs one call may have had; beyond, a new start is refused (a runaway client). */
  private static final int MAX_LEGS_PER_CALL = 20;

  private final CallLegs legs;
  private final CallTable table;
  private final SipStore store;
  private final MediaAnchor anchor;
  private final Clock clock;
  private final Supplier<ChannelContext> core;

  CallMonitors(
      CallLegs legs,
      CallTable table,
      SipStore store,
      MediaAnchor anchor,
      Clock clock,
      Supplier<ChannelContext> core) {
    this.legs = legs;
    this.table = table;
    this.store = store;
    this.anchor = anchor;
    this.clock = clock;
    this.core = core;
  }

  // ---- the API (any thread) -------------------------------------------------------------------

  @Override
  public Session start(String interactionId, String supervisorId, Monitoring.Mode mode) {
    Identifiers.requireName("supervisor", supervisorId);
    requireMode(mode);
    Call call = callOf(interactionId);
    return onCall(call, () -> startHere(call, supervisorId, mode));
  }

  @Override
  public Session change(String interactionId, String supervisorId, Monitoring.Mode mode) {
    requireMode(mode);
    Call call = callOf(interactionId);
    return onCall(
        call,
        () -> {
          Call.MonitorLeg leg = legOf(call, supervisorId);
          leg.mode = mode;
          if (leg.monitoring != null) {
            leg.monitoring.mode(mode);
            record(call, leg.supervisorId, mode.id());
          }
          return session(call, leg);
        });
  }

  @Override
  public void stop(String interactionId, String supervisorId) {
    Call call = callOf(interactionId);
    onCall(
        call,
        () -> {
          end(call, legOf(call, supervisorId), "supervisor: stopped");
          return null;
        });
  }

  @Override
  public Optional<Session> of(String interactionId) {
    Call call = table.byInteraction(interactionId);
    if (call == null) {
      return Optional.empty();
    }
    return onCall(call, () -> Optional.ofNullable(call.monitor).map(l -> session(call, l)));
  }

  // ---- signalling (on the call's executor) -----------------------------------------------------

  /** A response to the INVITE of a supervisor's leg. */
  void response(Call call, Call.MonitorLeg leg, Response response) {
    int status = response.getStatusCode();
    if (status < 200) {
      legs.provisional(leg);
    } else if (leg != call.monitor || leg.cancelled) {
      if (status < 300) {
        legs.ackAndHangUp(leg, response);
      }
    } else if (status >= 300) {
      gone(call, leg, null);
    } else if (!leg.joined) {
      answered(call, leg, response);
    }
  }

  /** The supervisor's INVITE got no response at all (Timer B). */
  void timedOut(Call call, Call.MonitorLeg leg) {
    if (leg.outcome == null) {
      leg.outcome = "408 Request Timeout (no response)";
    }
    if (leg == call.monitor) {
      gone(call, leg, null);
    }
  }

  /** The supervisor hung up (the BYE is answered already). */
  void hungUp(Call call, Call.MonitorLeg leg) {
    if (leg == call.monitor) {
      gone(call, leg, "supervisor");
    }
  }

  /**
   * A re-INVITE, UPDATE or INFO from the supervisor's phone: an offer is answered by their own
   * media session (hold, a new address), a DTMF INFO is acknowledged and ignored; the call's other
   * legs are never asked.
   */
  void inDialog(Call call, Call.MonitorLeg leg, ServerTransaction tx) {
    Request req = tx.getRequest();
    if (leg != call.monitor || Request.INFO.equals(req.getMethod())) {
      legs.respondQuietly(
          tx, leg != call.monitor ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : 200);
      return;
    }
    try {
      byte[] offer = req.getRawContent();
      String sdp =
          offer == null || offer.length == 0
              ? leg.media.offer(MediaSession.Direction.SENDRECV)
              : leg.media.answer(new String(offer, StandardCharsets.UTF_8));
      legs.answerWithSdp(tx, sdp.getBytes(StandardCharsets.UTF_8));
    } catch (MediaException e) {
      LOG.info("Supervisor {}'s offer refused: {}", leg.supervisorId, e.getMessage());
      legs.respondQuietly(tx, Response.NOT_ACCEPTABLE_HERE);
    } catch (Exception e) {
      LOG.info("Answering supervisor {} failed: {}", leg.supervisorId, e.toString());
      legs.respondQuietly(tx, Response.SERVER_INTERNAL_ERROR);
    }
  }

  /** The call lost its agent or ended: the supervisor's leg ends with it. */
  void callLeftAgent(Call call, String why) {
    if (call.monitor != null) {
      end(call, call.monitor, "switchboard: " + why);
    }
  }

  /** The supervisor leg (current or past) whose Call-ID this is, or null (call executor). */
  static Call.MonitorLeg legWithCallId(Call call, String callId) {
    for (Call.MonitorLeg leg : call.monitorLegs) {
      if (leg.callId.equals(callId)) {
        return leg;
      }
    }
    return null;
  }

  // ---- inside ---------------------------------------------------------------------------------

  private Session startHere(Call call, String supervisorId, Monitoring.Mode mode) throws Exception {
    if (call.phase != Call.Phase.BRIDGED || call.bridged == null) {
      throw new ConflictException("call " + call.interactionId + " is not connected to an agent");
    }
    if (call.monitor != null) {
      throw new ConflictException(
          "supervisor " + call.monitor.supervisorId + " already monitors this call");
    }
    if (call.monitorLegs.size() >= MAX_LEGS_PER_CALL) {
      throw new ConflictException("this call has been monitored too many times");
    }
    List<SipStore.Binding> phones = store.bindings(supervisorId, clock.instant());
    if (phones.isEmpty()) {
      throw new ConflictException(
          "supervisor "
              + supervisorId
              + " has no registered phone: log a phone in with your SIP credential first");
    }
    MediaSession media;
    try {
      media = anchor.openSupervisor(call);
    } catch (MediaException e) {
      throw new ConflictException("this call cannot be monitored: " + e.getMessage());
    }
    String contact = phones.get(0).registration().contact();
    Call.MonitorLeg leg;
    try {
      leg = legs.inviteSupervisor(call, supervisorId, contact, media, mode);
    } catch (Exception e) {
      media.close();
      throw new SwitchboardException("cannot call supervisor " + supervisorId + ": " + e, e);
    }
    call.monitor = leg;
    call.monitorLegs.add(leg);
    table.addLeg(leg.callId, call);
    try {
      legs.send(leg);
    } catch (Exception e) {
      leg.outcome = "not sent: " + e.getMessage();
      gone(call, leg, null);
      throw new SwitchboardException("cannot call supervisor " + supervisorId + ": " + e, e);
    }
    LOG.info(
        "Call {}: calling supervisor {} at {} to {}",
        call.interactionId,
        supervisorId,
        contact,
        mode.id());
    return session(call, leg);
  }

  private void answered(Call call, Call.MonitorLeg leg, Response ok) {
    leg.joined = true;
    if (leg.answeredAt == null) {
      leg.answeredAt = clock.instant();
    }
    try {
      legs.ackAgent(leg, ok);
      leg.media.accept(
          new String(
              ok.getRawContent() == null ? new byte[0] : ok.getRawContent(),
              StandardCharsets.UTF_8));
      leg.monitoring = anchor.monitor(call, leg);
    } catch (Exception e) {
      LOG.info(
          "Supervisor {} cannot hear call {}: {}",
          leg.supervisorId,
          call.interactionId,
          e.toString());
      end(call, leg, "switchboard: " + e.getMessage());
      return;
    }
    record(call, leg.supervisorId, leg.mode.id());
    LOG.info(
        "Call {}: supervisor {} on the call ({})",
        call.interactionId,
        leg.supervisorId,
        leg.mode.id());
  }

  /** Ends the leg from our side: BYE when answered, CANCEL while it rings. */
  private void end(Call call, Call.MonitorLeg leg, String why) {
    if (leg.joined) {
      legs.hangUp(leg);
    } else {
      legs.cancel(leg);
    }
    gone(call, leg, why);
  }

  /** The leg is over: its audio leaves the call and its session closes. */
  private void gone(Call call, Call.MonitorLeg leg, String endedBy) {
    if (leg.endedBy == null && endedBy != null) {
      leg.endedBy = endedBy;
    }
    if (leg.endedAt == null) {
      leg.endedAt = clock.instant();
    }
    if (leg.monitoring != null) {
      leg.monitoring.stop();
    }
    leg.media.close();
    if (call.monitor == leg) {
      call.monitor = null;
      if (leg.joined) {
        record(call, leg.supervisorId, "ended");
      }
    }
    if (!leg.joined) {
      table.removeLeg(leg.callId); // a late answer finds no call and is hung up (abandoned leg)
    }
  }

  /** Leaves the supervisor's presence on the interaction, for its history and the audit. */
  private void record(Call call, String supervisorId, String mode) {
    CoreCalls.tell(
        core.get(),
        c ->
            c.updateAttributes(
                call.interactionId,
                Map.of(SUPERVISOR_ATTRIBUTE, supervisorId, MODE_ATTRIBUTE, mode)));
  }

  private Call callOf(String interactionId) {
    Call call = interactionId == null ? null : table.byInteraction(interactionId);
    if (call == null) {
      throw new NotFoundException("call", String.valueOf(interactionId));
    }
    return call;
  }

  private static Call.MonitorLeg legOf(Call call, String supervisorId) {
    Call.MonitorLeg leg = call.monitor;
    if (leg == null || !leg.supervisorId.equals(supervisorId)) {
      throw new NotFoundException("supervisor on call " + call.interactionId, supervisorId);
    }
    return leg;
  }

  private static Session session(Call call, Call.MonitorLeg leg) {
    return new Session(
        call.interactionId,
        leg.supervisorId,
        leg.mode,
        leg.joined ? State.CONNECTED : State.RINGING,
        leg.startedAt,
        leg.answeredAt);
  }

  private static void requireMode(Monitoring.Mode mode) {
    if (mode == null) {
      throw new org.switchboard.core.api.ValidationException(
          "mode", "is required: listen, whisper or barge");
    }
  }

  private static <T> T onCall(Call call, Callable<T> work) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    call.executor.execute(
        () -> {
          try {
            answer.complete(work.call());
          } catch (Exception | LinkageError e) {
            answer.completeExceptionally(e);
          }
        });
    try {
      return answer.get(5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SwitchboardException s) {
        throw s;
      }
      throw new SwitchboardException("monitoring failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new SwitchboardException("the call did not answer in time; try again", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SwitchboardException("interrupted", e);
    }
  }
}
