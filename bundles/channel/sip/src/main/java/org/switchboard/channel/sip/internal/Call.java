package org.switchboard.channel.sip.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;

/**
 * One customer call through the B2BUA: the customer's leg, which ends at Switchboard, and the agent
 * leg(s) it rings and bridges. Touched only from the call's {@link SerialExecutor}, so it needs no
 * locks; the interaction it belongs to lives in the core.
 */
final class Call {
  /** Where the call is, as far as signalling goes. */
  enum Phase {
    /** The INVITE arrived; the interaction is being opened and queued. */
    ARRIVING,
    /** Waiting in the queue; the customer hears ringing. */
    QUEUED,
    /** Offered: the agent's phone(s) ring. */
    RINGING_AGENT,
    /** Customer and agent are connected. */
    BRIDGED,
    /** Over; the call is being forgotten. */
    ENDED
  }

  final String customerCallId;
  final SerialExecutor executor;
  final ServerTransaction inviteTx;
  final Request invite;
  final Dialog customerDialog;
  final Instant arrivedAt;

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

  /** A relayed in-dialog request waiting for the other side's answer, null when none. */
  Relay pendingRelay;

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
  }

  /** Whether the customer's INVITE carried the SDP offer (otherwise the agent makes it). */
  boolean customerOffered() {
    return invite.getRawContent() != null && invite.getRawContent().length > 0;
  }

  /**
   * The customer got our 200: their dialog is up. Stays true when the call waits again after a
   * transfer, and then the next agent is connected by a re-INVITE of the customer.
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

  /** One INVITE to one of an agent's registered phones. */
  static final class AgentLeg {
    final String agentId;
    final String contact;
    final String callId;
    javax.sip.ClientTransaction inviteTx;
    Dialog dialog;

    /** We gave up on this phone (another answered, the offer lapsed, the customer left). */
    boolean cancelled;

    /** The phone sent a provisional response, so a CANCEL may be sent. */
    boolean provisional;

    /** CANCEL went out. */
    boolean cancelSent;

    /** The agent's 2xx, kept until the customer's ACK brings the SDP answer (delayed offer). */
    javax.sip.message.Response unacked;

    AgentLeg(String agentId, String contact, String callId) {
      this.agentId = agentId;
      this.contact = contact;
      this.callId = callId;
    }
  }

  /** A re-INVITE of the customer with the SDP offer of the agent who took the call over. */
  record Reoffer(AgentLeg leg, javax.sip.message.Response agentOk) {}

  /** An in-dialog OPTIONS that checks one leg is still there. */
  record KeepAlive(boolean agentSide) {}

  /** An in-dialog request (re-INVITE, UPDATE, INFO) passed from one leg to the other. */
  record Relay(ServerTransaction from, boolean fromAgent) {}
}
