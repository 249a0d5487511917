package org.switchboard.channel.sip.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;

/**
 * One customer call through the B2BUA: the customer's leg, which ends at Switchboard, and the agent
 * leg(s) it rings and bridges. The customer either called in (their INVITE, answered by us) or was
 * called by an agent's dial (our INVITE to the outbound trunk). Touched only from the call's {@link
 * SerialExecutor}, so it needs no locks; the interaction it belongs to lives in the core.
 */
final class Call {
  /** Where the call is, as far as signalling goes. */
  enum Phase {
    /** The INVITE arrived; the interaction is being opened and queued. */
    ARRIVING,
    /** Answered by Switchboard and in an IVR flow (see {@link FlowCalls}). */
    IN_FLOW,
    /** Waiting in the queue; the customer hears ringing. */
    QUEUED,
    /** Offered: the agent's phone(s) ring. */
    RINGING_AGENT,
    /** Recording the caller's voicemail (greeting, beep, message; see {@link Voicemail}). */
    VOICEMAIL,
    /**
     * The caller left the line to the ACD (a callback promised, a voicemail left): they hear a last
     * word, then we hang up; the interaction goes on without this call, and a hang-up abandons
     * nothing.
     */
    HANDED_OVER,
    /** An agent's dial or a callback: their phone(s) ring first. */
    DIALING_AGENT,
    /** An agent's dial or a callback: the agent answered; the customer is being called. */
    CALLING_CUSTOMER,
    /** Customer and agent are connected. */
    BRIDGED,
    /** Over; the call is being forgotten. */
    ENDED
  }

  final String customerCallId;
  final SerialExecutor executor;

  /** The customer's INVITE to us; null when we called the customer. */
  final ServerTransaction inviteTx;

  /** The INVITE of the customer's leg: theirs to us, or ours to them (null until sent). */
  Request invite;

  /** The customer's dialog (for an agent's dial, from the moment our INVITE goes out). */
  Dialog customerDialog;

  final Instant arrivedAt;

  /** Who the customer is, as the agent's phone shows it: a SIP user part and a display name. */
  final String customerUser;

  final String customerName;

  /** Our tag in the customer's dialog (the To tag of every response to the INVITE). */
  final String localTag = java.util.UUID.randomUUID().toString().substring(0, 12);

  String interactionId;
  Phase phase = Phase.ARRIVING;

  /** The agent the current offer rings, null when none. */
  String offeredAgent;

  /** Agent legs ringing for the current offer (one per registered phone). */
  final List<AgentLeg> ringing = new ArrayList<>();

  /** Every agent leg this call has rung, so forgetting the call forgets their Call-IDs. */
  final List<AgentLeg> allLegs = new ArrayList<>();

  /** The agent leg the customer is bridged to. */
  AgentLeg bridged;

  /** Our INVITE to the customer for an agent's dial; null for a call that came in. */
  InviteLeg customerLeg;

  /** For the customer leg's record (a call that came in): our final response, when answered. */
  String customerOutcome;

  Instant customerAnsweredAt;

  /** Who or what ended the call: {@code customer}, {@code agent}, {@code switchboard: why}. */
  String endedBy;

  /** A relayed in-dialog request waiting for the other side's answer, null when none. */
  Relay pendingRelay;

  /** The call's audio when the media engine anchors it; null when SDP passes leg to leg. */
  CallMedia media;

  /** The queue the call waits in or last waited in (its treatment), null before queueing. */
  String queue;

  /** The IVR flow the call runs (or ran) through, null when it went straight to a queue. */
  org.switchboard.flow.api.FlowRun flow;

  /** A call that came in: the customer's INVITE opened the customer's dialog. */
  Call(
      String customerCallId,
      SerialExecutor executor,
      ServerTransaction inviteTx,
      Dialog customerDialog,
      Instant arrivedAt) {
    this.customerCallId = customerCallId;
    this.executor = executor;
    this.inviteTx = inviteTx;
    this.invite = inviteTx.getRequest();
    this.customerDialog = customerDialog;
    this.arrivedAt = arrivedAt;
    javax.sip.address.Address from =
        ((javax.sip.header.FromHeader) invite.getHeader(javax.sip.header.FromHeader.NAME))
            .getAddress();
    this.customerUser =
        from.getURI() instanceof javax.sip.address.SipURI s && s.getUser() != null
            ? s.getUser()
            : "anonymous";
    this.customerName = from.getDisplayName();
  }

  /** An agent's dial to {@code number}: the customer's leg is set up once the agent answers. */
  Call(String customerCallId, SerialExecutor executor, String number, Instant startedAt) {
    this.customerCallId = customerCallId;
    this.executor = executor;
    this.inviteTx = null;
    this.arrivedAt = startedAt;
    this.customerUser = number;
    this.customerName = "Call to " + number;
  }

  /**
   * A callback the customer asked for while waiting: the agent accepts when their phone answers,
   * and a customer who cannot be reached ends in the agent's wrap-up (not a failed dial).
   */
  boolean callback;

  /** Which attempt to reach the customer this callback call is (1 for the first). */
  int callbackAttempt;

  /** Whether we placed this call (click-to-call, callback) rather than the customer. */
  boolean outbound() {
    return inviteTx == null;
  }

  /** Whether an in-dialog request came on an agent leg (not the customer's). */
  boolean fromAgent(Request req) {
    return !customerCallId.equals(SipMessages.callId(req));
  }

  /** Whether the customer's INVITE carried the SDP offer (otherwise the agent makes it). */
  boolean customerOffered() {
    return invite != null && invite.getRawContent() != null && invite.getRawContent().length > 0;
  }

  /**
   * The customer's dialog is up (our 200 to them, or theirs to us). Stays true when the call waits
   * again after a transfer, and then the next agent is connected by a re-INVITE of the customer.
   */
  boolean customerAnswered;

  /** Whether the customer has not been answered yet (no final response sent). */
  boolean customerUnanswered() {
    return !customerAnswered && phase != Phase.ENDED;
  }

  /** Waiting for an agent (first time, or again after a transfer) or ringing one. */
  boolean waiting() {
    return phase == Phase.QUEUED || phase == Phase.RINGING_AGENT;
  }

  /** One INVITE we sent: to one of an agent's phones, or to the customer through the trunk. */
  static class InviteLeg {
    final String contact;
    final String callId;
    javax.sip.ClientTransaction inviteTx;
    Dialog dialog;

    /** We gave up on this leg (another phone answered, the offer lapsed, the customer left). */
    boolean cancelled;

    /** The far end sent a provisional response, so a CANCEL may be sent. */
    boolean provisional;

    /** CANCEL went out. */
    boolean cancelSent;

    /** The far end's 2xx, kept until the other leg's answer can go in our ACK (delayed offer). */
    javax.sip.message.Response unacked;

    /** For the leg's record: when the INVITE went out, was answered, got its final response. */
    Instant startedAt = Instant.now();

    Instant answeredAt;
    Instant endedAt;

    /** The INVITE's final response as a status line ({@code 486 Busy Here}), null until then. */
    String outcome;

    /** Who ended this leg when it was not the call's end (e.g. a transfer), else null. */
    String endedBy;

    /** We answered the far end's digest challenge once already (a second one is a failure). */
    boolean authenticated;

    InviteLeg(String contact, String callId) {
      this.contact = contact;
      this.callId = callId;
    }
  }

  /** The supervisor on the call now (ringing or listening), null when none. */
  MonitorLeg monitor;

  /** Every supervisor leg this call had, for its detail records. */
  final List<MonitorLeg> monitorLegs = new ArrayList<>();

  /** One INVITE to a supervisor's phone, to monitor the call (see {@link CallMonitors}). */
  static final class MonitorLeg extends InviteLeg {
    final String supervisorId;

    /** The supervisor's media session at Switchboard. */
    final org.switchboard.media.api.MediaSession media;

    /** Who hears the supervisor; applied on answer, changed at any time. */
    org.switchboard.media.api.Monitoring.Mode mode;

    /** The join of the three legs' audio, once the supervisor's phone answered. */
    org.switchboard.media.api.Monitoring monitoring;

    /** Its 2xx was taken (ACKed, the audio joined); a repeated 2xx changes nothing. */
    boolean joined;

    MonitorLeg(
        String supervisorId,
        String contact,
        String callId,
        org.switchboard.media.api.MediaSession media,
        org.switchboard.media.api.Monitoring.Mode mode) {
      super(contact, callId);
      this.supervisorId = supervisorId;
      this.media = media;
      this.mode = mode;
    }
  }

  /** One INVITE to one of an agent's registered phones. */
  static final class AgentLeg extends InviteLeg {
    final String agentId;

    /** The CSeq of the REGISTER that bound the contact rung (see {@link SilentPhones}). */
    long registerCseq;

    AgentLeg(String agentId, String contact, String callId) {
      super(contact, callId);
      this.agentId = agentId;
    }
  }

  /** A re-INVITE of the customer with the SDP offer of the agent who took the call over. */
  record Reoffer(AgentLeg leg, javax.sip.message.Response agentOk) {}

  /** An in-dialog OPTIONS that checks one leg is still there. */
  record KeepAlive(boolean agentSide) {}

  /** An in-dialog request (re-INVITE, UPDATE or INFO) passed from one leg to the other. */
  record Relay(ServerTransaction from, boolean fromAgent) {}
}
