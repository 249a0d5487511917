package org.switchboard.channel.sip.internal;

import java.util.List;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.TransactionState;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP messages of the B2BUA's two legs: ringback and final answers to the customer, INVITE,
 * CANCEL, ACK and BYE towards agents' phones, and in-dialog requests passed from one leg to the
 * other. Failures to send are logged, never thrown: the far end's retransmissions and our own
 * clean-up take care of a lost message.
 */
final class CallLegs {
  private static final Logger LOG = LoggerFactory.getLogger(CallLegs.class);

  /**
   * {@code Retry-After} of a 503 to a caller: what was full (media sessions, ports) frees as calls
   * end, within seconds.
   */
  static final int RETRY_SECONDS = 5;

  /** Header naming the interaction on the agent's INVITE, for desktops and phones that show it. */
  static final String INTERACTION_HEADER = "X-Switchboard-Interaction";

  private final SipProvider provider;
  private final SipMessages sip;
  private final SipAddressing self;
  private final MediaAnchor anchor;

  CallLegs(SipProvider provider, SipMessages sip, SipAddressing self, MediaAnchor anchor) {
    this.provider = provider;
    this.sip = sip;
    this.self = self;
    this.anchor = anchor;
  }

  // ---- customer leg ------------------------------------------------------------------------

  /**
   * What the customer gets while the call waits: 180 Ringing; with anchored media, 183 Session
   * Progress with our SDP (early media: they hear the queue's treatment, the call is still
   * unanswered) or, when calls are answered at once, our 200.
   */
  void ringback(Call call) {
    try {
      if (!anchor.earlyAudio(call)) {
        call.inviteTx.sendResponse(customerResponse(call, Response.RINGING));
      } else if (anchor.queueMedia() == MediaAnchor.QueueMedia.EARLY) {
        Response progress = customerResponse(call, Response.SESSION_PROGRESS);
        progress.setContent(call.media.customerSdp, sdpType());
        call.inviteTx.sendResponse(progress);
      } else {
        answerCustomer(call);
      }
    } catch (Exception e) {
      LOG.debug("Ringback to {} failed: {}", call.customerCallId, e.toString());
    }
  }

  /** Our 200 to the customer with our own SDP (anchored media), e.g. for an IVR flow. */
  void answerAnchored(Call call) {
    try {
      answerCustomer(call);
    } catch (Exception e) {
      LOG.info("200 to {} failed: {}", call.customerCallId, e.toString());
    }
  }

  private void answerCustomer(Call call) throws Exception {
    Response ok = customerResponse(call, Response.OK);
    ok.setContent(call.media.customerSdp, sdpType());
    call.inviteTx.sendResponse(ok);
    call.customerAnswered = true;
    call.customerOutcome = "200 OK";
    call.customerAnsweredAt = java.time.Instant.now();
  }

  /**
   * The agent's phone answered our offer (anchored media): it is ACKed at once, and the customer,
   * when not answered yet, gets our 200.
   */
  void connectAnchored(Call call, Call.AgentLeg leg, Response agentOk) throws Exception {
    ack(leg.dialog, agentOk, null);
    if (!call.customerAnswered) {
      answerCustomer(call);
    }
  }

  private javax.sip.header.ContentTypeHeader sdpType() throws java.text.ParseException {
    return sip.headers.createContentTypeHeader("application", "sdp");
  }

  /** A final failure response to the customer's INVITE, when it has not been answered yet. */
  void finalResponse(Call call, int status, String reason) {
    TransactionState state = call.inviteTx.getState();
    if (state != TransactionState.PROCEEDING && state != TransactionState.TRYING) {
      return;
    }
    try {
      Response r = customerResponse(call, status);
      if (reason != null && !reason.isBlank()) {
        r.addHeader(sip.headers.createReasonHeader("SIP", status, clean(reason)));
      }
      if (status == Response.SERVICE_UNAVAILABLE) {
        r.addHeader(sip.headers.createRetryAfterHeader(RETRY_SECONDS));
      }
      call.customerOutcome = status + " " + r.getReasonPhrase();
      call.inviteTx.sendResponse(r);
    } catch (Exception e) {
      LOG.debug("{} to {} failed: {}", status, call.customerCallId, e.toString());
    }
  }

  private Response customerResponse(Call call, int status) throws Exception {
    Response r = sip.messages.createResponse(status, call.invite);
    ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(call.localTag);
    if (status < 300) {
      r.addHeader(self.contact(sip, SipAddressing.transportOf(call.invite.getRequestURI())));
    }
    return r;
  }

  /**
   * The agent answered: the customer gets a 200 with the agent's SDP. When the customer made the
   * offer the agent is ACKed now; otherwise the agent's 200 carried the offer and its ACK waits for
   * the customer's answer ({@link #customerAcked}).
   */
  void bridge(Call call, Call.AgentLeg leg, Response agentOk) throws Exception {
    Response ok = customerResponse(call, Response.OK);
    copyBody(agentOk, ok);
    if (call.customerOffered()) {
      ack(leg.dialog, agentOk, null);
    } else {
      leg.unacked = agentOk;
    }
    call.inviteTx.sendResponse(ok);
    call.customerOutcome = "200 OK";
    call.customerAnsweredAt = java.time.Instant.now();
  }

  /**
   * The next agent (after a transfer) answered an offerless INVITE: their 200 carries the offer,
   * which goes to the customer in a re-INVITE; {@link #completeReoffer} finishes the exchange.
   */
  void reoffer(Call call, Call.AgentLeg leg, Response agentOk) throws Exception {
    Request reinvite = call.customerDialog.createRequest(Request.INVITE);
    copyBody(agentOk, reinvite);
    reinvite.setHeader(
        self.contact(sip, ((javax.sip.header.ViaHeader) reinvite.getHeader("Via")).getTransport()));
    ClientTransaction ct = provider.getNewClientTransaction(reinvite);
    ct.setApplicationData(new Call.Reoffer(leg, agentOk));
    call.customerDialog.sendRequest(ct);
  }

  /** The customer accepted the new agent's media: ACK both, the agent's with the answer. */
  void completeReoffer(Call call, Call.Reoffer r, Response customerOk) {
    try {
      ack(call.customerDialog, customerOk, null);
      ack(r.leg().dialog, r.agentOk(), customerOk);
    } catch (Exception e) {
      LOG.info("Completing the transfer of {} failed: {}", call.customerCallId, e.toString());
    }
  }

  /** NOTIFY of the REFER's implicit subscription: the transfer is done (RFC 3515 §2.4.5). */
  void notifyTransferDone(Dialog agentDialog) {
    try {
      Request notify = agentDialog.createRequest(Request.NOTIFY);
      notify.setHeader(sip.headers.createEventHeader("refer"));
      javax.sip.header.SubscriptionStateHeader state =
          sip.headers.createSubscriptionStateHeader(
              javax.sip.header.SubscriptionStateHeader.TERMINATED);
      state.setReasonCode(javax.sip.header.SubscriptionStateHeader.NO_RESOURCE);
      notify.setHeader(state);
      notify.setContent(
          "SIP/2.0 200 OK\r\n", sip.headers.createContentTypeHeader("message", "sipfrag"));
      agentDialog.sendRequest(provider.getNewClientTransaction(notify));
    } catch (Exception e) {
      LOG.debug("NOTIFY in {} failed: {}", agentDialog.getDialogId(), e.toString());
    }
  }

  /** The customer's ACK of our 2xx; completes a delayed-offer bridge. */
  void customerAcked(Call call, Request customerAck) {
    if (call.media != null) {
      anchor.customerAcked(call, customerAck.getRawContent());
      return;
    }
    Call.AgentLeg leg = call.bridged;
    if (leg == null || leg.unacked == null) {
      return;
    }
    Response agentOk = leg.unacked;
    leg.unacked = null;
    try {
      ack(leg.dialog, agentOk, customerAck);
    } catch (Exception e) {
      LOG.info("ACK to agent {} failed: {}", leg.agentId, e.toString());
    }
  }

  // ---- agent legs ----------------------------------------------------------------------------

  /**
   * Prepares the INVITE that rings one of the agent's phones with the customer's identity and SDP
   * offer; {@link #send} sends it once the caller can match its responses.
   */
  Call.AgentLeg invite(Call call, String agentId, String contact) throws Exception {
    Request invite = inviteRequest(call, agentId, contact, call.customerName);
    if (call.media != null) {
      invite.setContent(anchor.agentOffer(call), sdpType()); // our own media session's offer
    } else if (call.customerOffered() && !call.customerAnswered) {
      copyBody(call.invite, invite); // else offerless: the agent offers, the customer answers
    }
    return prepared(invite, new Call.AgentLeg(agentId, contact, SipMessages.callId(invite)));
  }

  /**
   * Prepares the INVITE that calls a supervisor's phone to monitor the call: the customer's
   * identity shown as {@code Monitor: <customer>}, the offer of the supervisor's own media session.
   */
  Call.MonitorLeg inviteSupervisor(
      Call call,
      String supervisorId,
      String contact,
      org.switchboard.media.api.MediaSession media,
      org.switchboard.media.api.Monitoring.Mode mode)
      throws Exception {
    String who = call.customerName != null ? call.customerName : call.customerUser;
    Request invite = inviteRequest(call, supervisorId, contact, "Monitor: " + clean(who));
    invite.setContent(
        media
            .offer(org.switchboard.media.api.MediaSession.Direction.SENDRECV)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8),
        sdpType());
    return prepared(
        invite,
        new Call.MonitorLeg(supervisorId, contact, SipMessages.callId(invite), media, mode));
  }

  /** An INVITE from the customer's identity to {@code user}'s phone at {@code contact}. */
  private Request inviteRequest(Call call, String user, String contact, String displayName)
      throws Exception {
    URI target = sip.addresses.createURI(contact);
    String transport = SipAddressing.transportOf(target);
    CallIdHeader callId = provider.getNewCallId();
    Address from = self.aor(sip, call.customerUser);
    if (displayName != null) {
      from.setDisplayName(displayName);
    }
    Request invite =
        sip.messages.createRequest(
            target,
            Request.INVITE,
            callId,
            sip.headers.createCSeqHeader(1L, Request.INVITE),
            sip.headers.createFromHeader(from, call.localTag + "-a"),
            sip.headers.createToHeader(self.aor(sip, user), null),
            List.of(self.via(sip, transport)),
            sip.headers.createMaxForwardsHeader(70));
    invite.addHeader(self.contact(sip, transport));
    invite.addHeader(sip.headers.createHeader(INTERACTION_HEADER, call.interactionId));
    return invite;
  }

  /** The client transaction and dialog of a leg's INVITE, the leg as their application data. */
  private <L extends Call.InviteLeg> L prepared(Request invite, L leg) throws Exception {
    ClientTransaction ct = provider.getNewClientTransaction(invite);
    ct.setApplicationData(leg);
    leg.inviteTx = ct;
    leg.dialog = provider.getNewDialog(ct);
    return leg;
  }

  void send(Call.InviteLeg leg) throws javax.sip.SipException {
    leg.inviteTx.sendRequest();
  }

  /** The final response to a leg's INVITE, kept for its record (the first one counts). */
  static void settled(Call.InviteLeg leg, Response response) {
    int status = response.getStatusCode();
    if (status < 200 || leg.outcome != null) {
      return;
    }
    leg.outcome = status + " " + response.getReasonPhrase();
    if (status < 300) {
      leg.answeredAt = java.time.Instant.now();
    } else {
      leg.endedAt = java.time.Instant.now();
    }
  }

  /** The far end answered provisionally: a leg we already gave up on can now be cancelled. */
  void provisional(Call.InviteLeg leg) {
    leg.provisional = true;
    if (leg.cancelled) {
      cancel(leg);
    }
  }

  /**
   * Stops a ringing phone: CANCEL once the phone has answered provisionally (RFC 3261 §9.1), so a
   * phone that has said nothing yet is cancelled when its first 1xx arrives.
   */
  void cancel(Call.InviteLeg leg) {
    leg.cancelled = true;
    if (leg.endedBy == null && leg.answeredAt == null) {
      leg.endedBy = "switchboard: cancelled";
    }
    if (!leg.provisional || leg.cancelSent) {
      return;
    }
    TransactionState state = leg.inviteTx.getState();
    if (state != TransactionState.PROCEEDING && state != TransactionState.CALLING) {
      return;
    }
    try {
      leg.cancelSent = true;
      provider.getNewClientTransaction(leg.inviteTx.createCancel()).sendRequest();
    } catch (Exception e) {
      LOG.debug("CANCEL to {} failed: {}", leg.contact, e.toString());
    }
  }

  /**
   * A 6xx from one of an agent's phones (e.g. 603 Decline) is the agent's answer for all of them
   * (RFC 3261 §16.7): the others stop ringing.
   */
  void endForksOnGlobalFailure(Call call, int status) {
    if (status >= 600) {
      for (Call.AgentLeg other : List.copyOf(call.ringing)) {
        cancel(other);
      }
      call.ringing.clear();
    }
  }

  /** A 2xx from a phone we no longer want (answered too late, or a second phone answered). */
  void ackAndHangUp(Call.InviteLeg leg, Response ok) {
    try {
      ack(leg.dialog, ok, null);
      hangUp(leg.dialog);
    } catch (Exception e) {
      LOG.debug("Could not release {}: {}", leg.contact, e.toString());
    }
  }

  void hangUp(Call.InviteLeg leg) {
    if (leg != null) {
      hangUp(leg.dialog);
    }
  }

  /** BYE in a confirmed dialog; nothing when the dialog is not (or no longer) up. */
  void hangUp(Dialog dialog) {
    if (dialog == null || dialog.getState() != DialogState.CONFIRMED) {
      return;
    }
    try {
      Request bye = dialog.createRequest(Request.BYE);
      dialog.sendRequest(provider.getNewClientTransaction(bye));
    } catch (Exception e) {
      LOG.debug("BYE in {} failed: {}", dialog.getDialogId(), e.toString());
    }
  }

  /** An in-dialog OPTIONS: the far end answers while the dialog exists (481 once it is gone). */
  void ping(Dialog dialog, Call.KeepAlive marker) {
    if (dialog == null || dialog.getState() != DialogState.CONFIRMED) {
      return;
    }
    try {
      ClientTransaction ct =
          provider.getNewClientTransaction(dialog.createRequest(Request.OPTIONS));
      ct.setApplicationData(marker);
      dialog.sendRequest(ct);
    } catch (Exception e) {
      LOG.debug("Keep-alive in {} failed: {}", dialog.getDialogId(), e.toString());
    }
  }

  private void ack(Dialog dialog, Response ok, Message bodyFrom) throws Exception {
    long cseq = ((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber();
    Request ack = dialog.createAck(cseq);
    if (bodyFrom != null) {
      copyBody(bodyFrom, ack);
    }
    dialog.sendAck(ack);
  }

  // ---- an agent's dial -------------------------------------------------------------------

  /**
   * Calls the customer through the outbound trunk with an SDP offer: our media session's when the
   * call is anchored, else the one the agent's phone made in its 200 (whose ACK then waits for the
   * customer's answer, {@link #connectDial}).
   *
   * @param target the customer's number at the trunk, e.g. {@code sip:+4930123456@sbc;user=phone}
   * @param callerId the user part of our From (the company's number), or {@code anonymous}
   */
  Call.InviteLeg callCustomer(Call call, SipURI target, String callerId, Response agentOk)
      throws Exception {
    String transport = SipAddressing.transportOf(target);
    Request invite =
        sip.messages.createRequest(
            target,
            Request.INVITE,
            sip.headers.createCallIdHeader(call.customerCallId),
            sip.headers.createCSeqHeader(1L, Request.INVITE),
            sip.headers.createFromHeader(self.aor(sip, callerId), call.localTag),
            sip.headers.createToHeader(sip.addresses.createAddress(target), null),
            List.of(self.via(sip, transport)),
            sip.headers.createMaxForwardsHeader(70));
    invite.addHeader(self.contact(sip, transport));
    invite.addHeader(sip.headers.createHeader(INTERACTION_HEADER, call.interactionId));
    if (call.media != null) {
      invite.setContent(call.media.customerSdp, sdpType());
    } else {
      copyBody(agentOk, invite);
    }
    Call.InviteLeg leg = new Call.InviteLeg(target.toString(), call.customerCallId);
    ClientTransaction ct = provider.getNewClientTransaction(invite);
    ct.setApplicationData(leg);
    leg.inviteTx = ct;
    leg.dialog = provider.getNewDialog(ct);
    call.invite = invite;
    call.customerLeg = leg;
    call.customerDialog = leg.dialog;
    ct.sendRequest();
    return leg;
  }

  /** The agent's phone answered our offer for a dial or callback (anchored media): ACK it now. */
  void ackAgent(Call.InviteLeg leg, Response agentOk) throws Exception {
    ack(leg.dialog, agentOk, null);
  }

  /**
   * The customer answered the agent's dial: ACK them, and (SDP passing through) ACK the agent with
   * their answer.
   */
  void connectDial(Call call, Response customerOk) throws Exception {
    ack(call.customerDialog, customerOk, null);
    if (call.media != null) {
      anchor.customerAnswered(call, customerOk.getRawContent());
      return;
    }
    Call.AgentLeg agent = call.bridged;
    Response agentOk = agent.unacked;
    agent.unacked = null;
    ack(agent.dialog, agentOk, customerOk);
  }

  // ---- relaying in-dialog requests -------------------------------------------------------

  /** Sends a copy of {@code req} (method and body) in the other leg's dialog. */
  void relay(Dialog other, Request req, Call.Relay relay) throws Exception {
    Request copy = other.createRequest(req.getMethod());
    copyBody(req, copy);
    if (Request.INVITE.equals(req.getMethod())) {
      copy.setHeader(
          self.contact(sip, ((javax.sip.header.ViaHeader) copy.getHeader("Via")).getTransport()));
    }
    ClientTransaction ct = provider.getNewClientTransaction(copy);
    ct.setApplicationData(relay);
    other.sendRequest(ct);
  }

  /** Answers the relayed request with the other side's answer; ACKs a relayed re-INVITE's 2xx. */
  void answerRelay(Call.Relay relay, Response answer, Dialog other) {
    ServerTransaction tx = relay.from();
    Request req = tx.getRequest();
    try {
      if (answer.getStatusCode() / 100 == 2 && Request.INVITE.equals(req.getMethod())) {
        ack(other, answer, null);
      }
      Response r = sip.response(answer.getStatusCode(), req);
      if (answer.getStatusCode() < 300 && Request.INVITE.equals(req.getMethod())) {
        r.addHeader(self.contact(sip, SipAddressing.transportOf(req.getRequestURI())));
      }
      copyBody(answer, r);
      tx.sendResponse(r);
    } catch (Exception e) {
      LOG.debug("Answering relayed {} failed: {}", req.getMethod(), e.toString());
    }
  }

  /** 200 to an in-dialog offer (re-INVITE, UPDATE) with our media session's SDP. */
  void answerWithSdp(ServerTransaction tx, byte[] sdp) throws Exception {
    Request req = tx.getRequest();
    Response ok = sip.response(Response.OK, req);
    if (Request.INVITE.equals(req.getMethod())) {
      ok.addHeader(self.contact(sip, SipAddressing.transportOf(req.getRequestURI())));
    }
    ok.setContent(sdp, sdpType());
    tx.sendResponse(ok);
  }

  void respondQuietly(ServerTransaction tx, int status) {
    try {
      tx.sendResponse(sip.response(status, tx.getRequest()));
    } catch (Exception e) {
      LOG.debug("{} failed: {}", status, e.toString());
    }
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static void copyBody(Message from, Message to) throws java.text.ParseException {
    byte[] body = from.getRawContent();
    ContentTypeHeader type = (ContentTypeHeader) from.getHeader(ContentTypeHeader.NAME);
    if (body != null && body.length > 0 && type != null) {
      to.setContent(body, (ContentTypeHeader) type.clone());
    }
  }

  /** A reason text safe inside a quoted header parameter. */
  private static String clean(String text) {
    String t = text.replaceAll("[\\p{Cntrl}\"\\\\]", " ").strip();
    return t.length() > 120 ? t.substring(0, 120) : t;
  }
}
