package org.switchboard.channel.sip.internal;

import gov.nist.javax.sip.DialogTimeoutEvent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.channel.sip.api.CallMonitor;
import org.switchboard.channel.spi.ChannelContext;
import org.switchboard.channel.spi.ChannelStatus;
import org.switchboard.channel.spi.Offer;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.event.EventTypes;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionState;

/**
 * The back-to-back user agent: a customer's INVITE becomes an interaction queued in the core; when
 * the ACD offers it to an agent, the agent's registered phones ring; the first to answer is bridged
 * to the customer, the others are cancelled. Hang-up on either side, CANCEL, busy or unanswered
 * phones (back to the ACD as "no answer") and changes made elsewhere (an offer withdrawn, a call
 * ended from the desktop) are applied to both legs.
 *
 * <p>Threads: the SIP stack's threads only find the call and hand the event to the call's {@link
 * SerialExecutor}; every core call and database read runs there, so signalling never waits for the
 * database and a call's events never race.
 */
final class CallControl {
  private static final Logger LOG = LoggerFactory.getLogger(CallControl.class);

  private final SipProvider provider;
  private final SipMessages sip;
  private final SipStore store;
  private final CallRouting routing;
  private final SipAddressing self;
  private final ExecutorService pool;
  private final Clock clock;
  private final int maxCalls;
  private final CallLegs legs;
  private final Dialer dialer;
  private final InCallRequests inCall;
  private final MediaAnchor anchor;
  private final FlowCalls flows;
  private final CallbackOffers callbacks;
  private final Voicemail voicemail;

  private final CallTable table = new CallTable(this::ended);
  private final SilentPhones silent = new SilentPhones();
  private final CallMonitors monitors;

  /** Call-IDs whose CANCEL arrived before their INVITE reached call control, and when. */
  private final Map<String, java.time.Instant> earlyCancels = new ConcurrentHashMap<>();

  private final Refusals mediaBusy;
  private final Refusals overloaded;
  private final RoutingOverload overload;

  private volatile ChannelContext core;
  private volatile boolean draining;

  CallControl(
      SipProvider provider,
      SipMessages sip,
      SipStore store,
      CallRouting routing,
      SipAddressing self,
      OutboundTrunk trunk,
      gov.nist.javax.sip.clientauthutils.AuthenticationHelper trunkAuth,
      ExecutorService pool,
      java.util.concurrent.ScheduledExecutorService timers,
      MediaAnchor anchor,
      FlowCalls flows,
      CallbackOffers callbacks,
      Voicemail voicemail,
      RoutingOverload overload,
      Clock clock,
      int maxCalls) {
    this.provider = provider;
    this.sip = sip;
    this.store = store;
    this.routing = routing;
    this.self = self;
    this.pool = pool;
    this.clock = clock;
    this.maxCalls = maxCalls;
    this.anchor = anchor;
    this.flows = flows;
    this.callbacks = callbacks;
    this.voicemail = voicemail;
    this.overload = overload;
    this.mediaBusy = new Refusals(LOG, clock::millis);
    this.overloaded = new Refusals(LOG, clock::millis);
    this.legs = new CallLegs(provider, sip, self, anchor);
    this.monitors = new CallMonitors(legs, table, store, anchor, clock, () -> core);
    this.inCall =
        new InCallRequests(sip, legs, table, routing, anchor, monitors, clock, () -> core);
    this.dialer =
        new Dialer(
            provider,
            sip,
            legs,
            table,
            trunk,
            pool,
            timers,
            clock,
            () -> core,
            this::ringPhones,
            trunkAuth,
            anchor,
            callbacks);
  }

  // ---- the core's side ---------------------------------------------------------------------

  void initialize(ChannelContext context) {
    this.core = context;
    pool.execute(() -> reconcile(context));
    context.reportStatus(ChannelStatus.online());
  }

  void dispose() {
    this.core = null;
  }

  /** The core's context while initialized, else null. */
  ChannelContext core() {
    return core;
  }

  /**
   * Voice interactions the core holds open that no call here belongs to lost their signalling (the
   * SIP bundle restarted without a drain): they are ended so no agent stays busy with a call that
   * is gone.
   */
  private void reconcile(ChannelContext context) {
    try {
      for (Interaction i : context.openInteractions()) {
        if (!ownedHere(i) || table.knows(i.id()) || awaitsCallback(i) || Voicemail.isVoicemail(i)) {
          continue;
        }
        CoreCalls.endLost(context, i);
      }
    } catch (RuntimeException e) {
      LOG.warn("Reconciling voice interactions with the SIP channel failed: {}", e.getMessage());
    }
  }

  void offer(Offer offer) {
    Call call = table.byInteraction(offer.interaction().id());
    if (call == null || call.phase == Call.Phase.HANDED_OVER) {
      offerWithoutCall(offer, call != null);
      return;
    }
    call.executor.execute(() -> ringAgent(call, offer.agent().id()));
  }

  /**
   * An offer for an interaction no call stands for: an agent's dial or a callback is placed now; a
   * voicemail is taken on the agent's desktop; an interaction whose caller is being handed over
   * this instant (its new attributes not written yet) goes back to the queue to be offered again;
   * anything else lost its call.
   */
  private void offerWithoutCall(Offer offer, boolean handingOver) {
    Interaction i = offer.interaction();
    ChannelContext c = core;
    if (isDial(i)) {
      dial(offer);
    } else if (Voicemail.isVoicemail(i)) {
      LOG.debug("Voicemail {} offered to {}: taken on the desktop", i.id(), offer.agent().id());
    } else if (awaitsCallback(i)) {
      callback(offer);
    } else if (handingOver && c != null) {
      pool.execute(
          () -> CoreCalls.quietly(() -> c.declined(i.id(), offer.agent().id(), "handed-over")));
    } else if (c != null && ownedHere(i)) {
      pool.execute(() -> CoreCalls.endLost(c, i));
    }
  }

  /** An agent's own outbound call: reserved for them, never queued (see the core's dial). */
  private static boolean isDial(Interaction i) {
    return i.direction() == org.switchboard.core.api.interaction.Direction.OUTBOUND
        && i.queue() == null
        && i.state() == InteractionState.OFFERED
        && !ownedHere(i);
  }

  /**
   * A voice interaction whose caller chose a callback: it waits (or is offered) with no call of its
   * own until the callback is placed.
   */
  private static boolean awaitsCallback(Interaction i) {
    return i.channel() == org.switchboard.core.api.ChannelType.VOICE
        && !Voicemail.isVoicemail(i)
        && i.attributes()
            .containsKey(org.switchboard.core.api.interaction.Attributes.CALLBACK_ADDRESS)
        && (i.state() == InteractionState.QUEUED || i.state() == InteractionState.OFFERED);
  }

  private void callback(Offer offer) {
    ChannelContext c = core;
    if (c == null) {
      return;
    }
    if (draining || table.legs() >= maxCalls) {
      String why =
          draining ? "the SIP channel is draining" : "the SIP channel is at its call limit";
      pool.execute(
          () ->
              CoreCalls.quietly(
                  () ->
                      c.noAnswer(
                          offer.interaction().id(),
                          offer.agent().id(),
                          Map.of("sip.lastCause", "callback not placed: " + why))));
      return;
    }
    dialer.callback(offer);
  }

  private void dial(Offer offer) {
    ChannelContext c = core;
    if (c == null) {
      return;
    }
    if (draining || table.legs() >= maxCalls) {
      String why = draining ? "channel-draining" : "channel-busy";
      pool.execute(
          () ->
              CoreCalls.quietly(
                  () ->
                      c.dialFailed(
                          offer.interaction().id(),
                          why,
                          draining
                              ? "the SIP channel is draining for maintenance"
                              : "the SIP channel is at its call limit")));
      return;
    }
    dialer.dial(offer);
  }

  /** Whether the interaction is a SIP call (voice interactions may also come from REST). */
  private static boolean ownedHere(Interaction i) {
    return i.attributes().containsKey(CallRouting.CALL_ID);
  }

  void interactionChanged(Interaction interaction, String eventType) {
    Call call = table.byInteraction(interaction.id());
    if (call != null) {
      call.executor.execute(() -> applyChange(call, interaction, eventType));
    }
  }

  /**
   * A media engine stopped: calls anchored in it have no audio any more and are ended, both legs
   * hung up and their interactions ended in the core (abandoned while waiting, conversation ended
   * when connected).
   */
  void mediaGone(org.switchboard.media.api.MediaService engine) {
    for (Call call : table.calls()) {
      try {
        endIfIn(call, engine);
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        return; // the SIP channel itself is stopping
      }
    }
  }

  private void endIfIn(Call call, org.switchboard.media.api.MediaService engine) {
    call.executor.execute(
        () -> {
          if (call.media == null || call.phase == Call.Phase.ENDED || !call.media.of(engine)) {
            return;
          }
          LOG.warn("Call {}: the media engine stopped; ending the call", call.customerCallId);
          if (call.phase == Call.Phase.VOICEMAIL) {
            hungUp(call, false, "media-engine-stopped"); // what was said so far is the message
            return;
          }
          String id = call.interactionId;
          hangUpBoth(call, "media-engine-stopped");
          ChannelContext c = core;
          if (c != null && id != null) {
            c.find(id).ifPresent(i -> CoreCalls.endLost(c, i));
          }
        });
  }

  /** Supervisors on calls (see {@link CallMonitor}). */
  CallMonitor monitors() {
    return monitors;
  }

  /** The agent the call is bridged to, or null. */
  private static String agentOf(Call call) {
    return call.bridged == null ? null : call.bridged.agentId;
  }

  /** Calls in progress (any phase). */
  int activeCalls() {
    return table.size();
  }

  void drain(boolean on) {
    draining = on;
    ChannelContext c = core;
    if (c != null) {
      c.reportStatus(
          on
              ? new ChannelStatus(ChannelStatus.State.DRAINING, "new calls get 503; calls go on")
              : ChannelStatus.online());
    }
  }

  boolean draining() {
    return draining;
  }

  // ---- the customer's INVITE -----------------------------------------------------------------

  /** An INVITE outside a dialog: a new call, from a trusted trunk. */
  void newCall(RequestEvent event, ServerTransaction tx, String sourceHost) throws Exception {
    Request invite = event.getRequest();
    ChannelContext c = core;
    Optional<Response> refusal = admission(c, sourceHost, invite);
    if (refusal.isPresent()) {
      tx.sendResponse(refusal.get());
      return;
    }
    tx.sendResponse(sip.messages.createResponse(Response.TRYING, invite));
    Dialog dialog = provider.getNewDialog(tx);
    String callId = SipMessages.callId(invite);
    Call call = new Call(callId, new SerialExecutor(pool), tx, dialog, clock.instant());
    if (!table.add(call)) {
      tx.sendResponse(sip.response(Response.LOOP_DETECTED, invite));
      return;
    }
    if (earlyCancels.remove(callId) != null) {
      table.discard(call); // its CANCEL overtook it (see cancel)
      if (tx.getState() == javax.sip.TransactionState.PROCEEDING
          || tx.getState() == javax.sip.TransactionState.TRYING) {
        tx.sendResponse(sip.response(Response.REQUEST_TERMINATED, invite));
      }
      return;
    }
    call.executor.execute(() -> arrive(call, c));
  }

  /**
   * The answer to a new call that is not taken: 503 while the channel has no core, drains or is at
   * its call limit (try again in 30 s) or while routing is late (in {@link
   * CallLegs#RETRY_SECONDS}); 403 from an untrusted source.
   */
  private Optional<Response> admission(ChannelContext c, String sourceHost, Request invite)
      throws java.text.ParseException, javax.sip.InvalidArgumentException {
    if (c == null || draining || table.legs() >= maxCalls) {
      return Optional.of(unavailable(invite, 30));
    }
    if (!routing.trusts(sourceHost)) {
      return Optional.of(sip.response(Response.FORBIDDEN, invite));
    }
    Optional<String> late = overload.refusal();
    if (late.isPresent()) {
      overloaded.refused(late.get());
      return Optional.of(unavailable(invite, CallLegs.RETRY_SECONDS));
    }
    return Optional.empty();
  }

  private Response unavailable(Request invite, int retrySeconds)
      throws java.text.ParseException, javax.sip.InvalidArgumentException {
    Response r = sip.response(Response.SERVICE_UNAVAILABLE, invite);
    r.addHeader(sip.headers.createRetryAfterHeader(retrySeconds));
    return r;
  }

  private void arrive(Call call, ChannelContext c) {
    Optional<CallRouting.Destination> destination = routing.destination(call.invite);
    if (destination.isEmpty()) {
      endUnanswered(call, Response.NOT_FOUND, "no route for the dialled number");
      return;
    }
    try {
      call.media = anchor.anchor(call, table.inProgress());
    } catch (org.switchboard.media.api.MediaBusyException e) {
      mediaBusy(call, e);
      return;
    } catch (org.switchboard.media.api.MediaException e) {
      LOG.info("Call {} has no usable media: {}", call.customerCallId, e.getMessage());
      endUnanswered(call, Response.NOT_ACCEPTABLE_HERE, e.getMessage());
      return;
    }
    if (destination.get().flow() != null) {
      enterFlow(call, c, destination.get());
      return;
    }
    try {
      Interaction opened = c.open(routing.openRequest(call.invite, destination.get()));
      table.bind(opened.id(), call);
      if (opened.state() == InteractionState.NEW) {
        c.enqueue(opened.id(), destination.get().queue());
      }
      call.phase = Call.Phase.QUEUED;
      call.queue = destination.get().queue().queue();
      if (voicemail.isVoicemailQueue(call.queue) && voicemail.inQueue(call, voicemailExit)) {
        return;
      }
      legs.ringback(call);
      anchor.waiting(call, call.queue);
      callbacks.arm(call, callbackExit);
    } catch (SwitchboardException e) {
      LOG.info("Call {} could not be queued: {}", call.customerCallId, e.getMessage());
      if (call.interactionId != null) {
        CoreCalls.quietly(() -> c.abandoned(call.interactionId, "not-queued"));
      }
      endUnanswered(call, Response.TEMPORARILY_UNAVAILABLE, e.getMessage());
    }
  }

  /**
   * A number that leads to a flow: Switchboard answers (the caller must hear the menu), the
   * interaction goes IN_FLOW and the flow engine takes over (see {@link FlowCalls}).
   */
  private void enterFlow(Call call, ChannelContext c, CallRouting.Destination d) {
    if (call.media == null || !flows.available()) {
      LOG.warn(
          "Number {} leads to flow {}, but the {} is not running",
          d.dialled(),
          d.flow(),
          call.media == null ? "media engine" : "flow engine");
      endUnanswered(call, Response.TEMPORARILY_UNAVAILABLE, "the IVR is not available");
      return;
    }
    try {
      Interaction opened = c.open(routing.openRequest(call.invite, d));
      table.bind(opened.id(), call);
      if (opened.state() == InteractionState.NEW) {
        opened = c.flowStarted(opened.id(), d.flow());
      }
      legs.answerAnchored(call);
      Map<String, String> known = new java.util.HashMap<>(opened.attributes());
      known.put("caller", opened.from());
      known.put("dialled", opened.to());
      flows.start(call, d.flow(), known, flowExits);
    } catch (SwitchboardException e) {
      LOG.info(
          "Call {} could not enter flow {}: {}", call.customerCallId, d.flow(), e.getMessage());
      if (call.interactionId != null) {
        CoreCalls.quietly(() -> c.abandoned(call.interactionId, "not-started"));
      }
      hangUpBoth(call, "flow-not-started");
    }
  }

  /** Where a flow's end leads: the queue (with its treatment) or the end of the call. */
  private final FlowCalls.Exits flowExits =
      new FlowCalls.Exits() {
        @Override
        public void queued(Call call, String queue) {
          call.phase = Call.Phase.QUEUED;
          call.queue = queue;
          anchor.waiting(call, queue);
          callbacks.arm(call, callbackExit);
        }

        @Override
        public boolean voicemail(Call call, String queue, int maxSeconds) {
          return voicemail.fromFlow(call, queue, maxSeconds, voicemailExit);
        }

        @Override
        public void hungUp(Call call) {
          call.endedBy = "switchboard: flow ended the call";
          legs.hangUp(call.customerDialog);
          forget(call);
        }
      };

  /** A waiting caller took the callback offer: confirm, hang up, keep the interaction queued. */
  private final CallbackOffers.Exit callbackExit =
      new CallbackOffers.Exit() {
        @Override
        public void promised(Call call) {
          table.unbind(call);
          call.phase = Call.Phase.HANDED_OVER;
          anchor.stopTreatment(call);
          if (!call.customerAnswered) {
            legs.answerAnchored(call); // early media: the confirmation is said in an answered call
          }
        }

        @Override
        public void confirmed(Call call) {
          hangUpHandedOver(call, "callback promised");
        }
      };

  /** A caller leaves a voicemail: answered first, handed over to the queue, then hung up. */
  private final Voicemail.Exit voicemailExit =
      new Voicemail.Exit() {
        @Override
        public void answer(Call call) {
          anchor.stopTreatment(call);
          if (!call.customerAnswered) {
            legs.answerAnchored(call);
          }
        }

        @Override
        public void handedOver(Call call) {
          table.unbind(call);
        }

        @Override
        public void done(Call call) {
          hangUpHandedOver(call, "voicemail left");
        }
      };

  private void hangUpHandedOver(Call call, String why) {
    if (call.phase == Call.Phase.HANDED_OVER) {
      call.endedBy = "switchboard: " + why;
      legs.hangUp(call.customerDialog);
      forget(call);
    }
  }

  // ---- ringing the agent -----------------------------------------------------------------------

  private void ringAgent(Call call, String agentId) {
    if (call.phase == Call.Phase.VOICEMAIL && voicemail.giveUpForAgent(call)) {
      anchor.waiting(call, call.queue); // an agent is free: live beats a message
    }
    if (call.phase != Call.Phase.QUEUED) {
      return;
    }
    call.phase = Call.Phase.RINGING_AGENT;
    if (!agentMediaReady(call)) {
      call.phase = Call.Phase.QUEUED;
      tell(c -> c.declined(call.interactionId, agentId, "no media for the agent's phone"));
      return;
    }
    if (!ringPhones(call, agentId)) {
      call.phase = Call.Phase.QUEUED;
      noAnswer(call, agentId, "no registered phone could be rung");
    }
  }

  /**
   * Whether the agent's leg has its media session (and our offer for it). When the engine has none
   * to give, the offer goes back to the queue as declined: the agent, whose phone never rang, stays
   * ready instead of being set not ready for a no-answer that was the machine's.
   */
  private boolean agentMediaReady(Call call) {
    if (call.media == null) {
      return true;
    }
    try {
      anchor.agentOffer(call);
      return true;
    } catch (org.switchboard.media.api.MediaException e) {
      LOG.warn("Call {}: no media for the agent's phone: {}", call.customerCallId, e.getMessage());
      return false;
    }
  }

  /** Rings every registered phone of the agent; false (nothing ringing) when none could be. */
  private boolean ringPhones(Call call, String agentId) {
    List<SipStore.Binding> phones =
        silent.worthRinging(agentId, store.bindings(agentId, clock.instant()));
    call.offeredAgent = agentId;
    if (call.media != null && !phones.isEmpty()) {
      try {
        anchor.agentOffer(call);
      } catch (org.switchboard.media.api.MediaException e) {
        LOG.warn(
            "Call {}: no media for the agent's phone: {}", call.customerCallId, e.getMessage());
        call.offeredAgent = null;
        return false;
      }
    }
    for (SipStore.Binding phone : phones) {
      String contact = phone.registration().contact();
      try {
        Call.AgentLeg leg = legs.invite(call, agentId, contact);
        leg.registerCseq = phone.cseq();
        call.ringing.add(leg);
        call.allLegs.add(leg);
        table.addLeg(leg.callId, call);
        legs.send(leg);
      } catch (Exception e) {
        call.ringing.removeIf(l -> l.contact.equals(contact));
        LOG.info("Could not ring {} at {}: {}", agentId, contact, e.toString());
      }
    }
    if (call.ringing.isEmpty()) {
      call.offeredAgent = null;
      return false;
    }
    return true;
  }

  /** A response on an agent leg's INVITE. */
  void agentResponse(ResponseEvent event) {
    ClientTransaction ct = event.getClientTransaction();
    Response response = event.getResponse();
    String callId = SipMessages.callId(response);
    Call call = table.byCallId(callId);
    if (call == null) {
      if (ct != null && ct.getApplicationData() instanceof Call.InviteLeg leg) {
        pool.execute(() -> abandonedLeg(leg, response));
      }
      return;
    }
    String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
    call.executor.execute(
        () -> {
          if (Request.INVITE.equals(method)
              && ct != null
              && ct.getApplicationData() instanceof Call.InviteLeg any) {
            CallLegs.settled(any, response);
          }
          if (Request.INVITE.equals(method)
              && ct != null
              && ct.getApplicationData() instanceof Call.MonitorLeg m) {
            monitors.response(call, m, response);
          } else if (Request.INVITE.equals(method)
              && ct != null
              && ct.getApplicationData() instanceof Call.AgentLeg leg) {
            if (call.outbound()) {
              dialer.agentAnswer(call, leg, response);
            } else {
              agentAnswer(call, leg, response);
            }
          } else if (Request.INVITE.equals(method)
              && ct != null
              && ct.getApplicationData() instanceof Call.InviteLeg) {
            dialer.customerAnswer(call, response);
          } else if (ct != null && ct.getApplicationData() instanceof Call.Relay relay) {
            inCall.relayed(call, relay, response);
          } else if (ct != null && ct.getApplicationData() instanceof Call.Reoffer r) {
            inCall.reoffered(call, r, response);
          } else if (ct != null && ct.getApplicationData() instanceof Call.KeepAlive k) {
            int s = response.getStatusCode();
            if (s == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST || s == Response.REQUEST_TIMEOUT) {
              legGone(call, k);
            }
          }
        });
  }

  /**
   * A leg whose call is already over still answers: a phone (or trunk) that had said nothing when
   * we gave up. A provisional answer gets the CANCEL it was owed, a 2xx an ACK and BYE.
   */
  private void abandonedLeg(Call.InviteLeg leg, Response response) {
    int status = response.getStatusCode();
    if (status < 200) {
      leg.cancelled = true;
      legs.provisional(leg);
    } else if (status < 300 && leg.unacked == null) {
      legs.ackAndHangUp(leg, response);
    }
  }

  private void agentAnswer(Call call, Call.AgentLeg leg, Response response) {
    int status = response.getStatusCode();
    if (status < 200) {
      legs.provisional(leg);
      return;
    }
    if (status >= 300) {
      agentRefused(call, leg, status, response.getReasonPhrase());
      return;
    }
    if (leg == call.bridged) {
      return; // a repeated 200 while its ACK waits for the customer's (delayed offer)
    }
    if (leg.cancelled || call.phase != Call.Phase.RINGING_AGENT || !call.ringing.contains(leg)) {
      legs.ackAndHangUp(leg, response);
      return;
    }
    ChannelContext c = core;
    try {
      if (c == null) {
        throw new SwitchboardException("the core is not available");
      }
      c.accepted(call.interactionId, leg.agentId, Map.of("sip.agentContact", leg.contact));
    } catch (SwitchboardException e) {
      LOG.info(
          "Agent {} answered call {} too late: {}",
          leg.agentId,
          call.customerCallId,
          e.getMessage());
      legs.ackAndHangUp(leg, response);
      return;
    }
    call.ringing.remove(leg);
    cancelRinging(call);
    call.bridged = leg;
    call.phase = Call.Phase.BRIDGED;
    try {
      if (call.media != null) {
        anchor.agentAnswered(call, response.getRawContent());
        legs.connectAnchored(call, leg, response);
        call.customerAnswered = true;
      } else if (call.customerAnswered) {
        legs.reoffer(call, leg, response);
      } else {
        legs.bridge(call, leg, response);
        call.customerAnswered = true;
      }
    } catch (Exception e) {
      LOG.warn("Bridging call {} failed: {}", call.customerCallId, e.toString());
      hangUpBoth(call, "bridge-failed");
    }
  }

  private void agentRefused(Call call, Call.AgentLeg leg, int status, String reason) {
    call.ringing.remove(leg);
    table.removeLeg(leg.callId);
    if (leg.cancelled || call.phase != Call.Phase.RINGING_AGENT) {
      return;
    }
    legs.endForksOnGlobalFailure(call, status);
    if (!call.ringing.isEmpty()) {
      return;
    }
    call.phase = Call.Phase.QUEUED;
    String agent = call.offeredAgent;
    call.offeredAgent = null;
    noAnswer(call, agent, status + " " + reason);
  }

  /** An agent leg's INVITE timed out (Timer B): the phone never answered at all. */
  void timeout(TimeoutEvent event) {
    if (event.isServerTransaction()) {
      return;
    }
    ClientTransaction ct = event.getClientTransaction();
    if (ct.getApplicationData() instanceof Call.KeepAlive k) {
      String callId = SipMessages.callId(ct.getRequest());
      Call call = table.byCallId(callId);
      if (call != null) {
        call.executor.execute(() -> legGone(call, k));
      }
    } else if (ct.getApplicationData() instanceof Call.MonitorLeg m) {
      Call call = table.byCallId(m.callId);
      if (call != null) {
        call.executor.execute(() -> monitors.timedOut(call, m));
      }
    } else if (ct.getApplicationData() instanceof Call.AgentLeg leg) {
      Call call = table.byCallId(leg.callId);
      if (call != null) {
        call.executor.execute(
            () -> {
              timedOut(leg);
              silent.silent(leg.agentId, leg.contact, leg.registerCseq);
              if (call.outbound()) {
                dialer.agentRefused(call, leg, Response.REQUEST_TIMEOUT, "408 Timeout");
              } else {
                agentRefused(call, leg, Response.REQUEST_TIMEOUT, "Timeout");
              }
            });
      }
    } else if (ct.getApplicationData() instanceof Call.InviteLeg leg) {
      Call call = table.byCallId(leg.callId);
      if (call != null) {
        call.executor.execute(
            () -> {
              timedOut(leg);
              dialer.customerTimedOut(call);
            });
      }
    }
  }

  private static void timedOut(Call.InviteLeg leg) {
    if (leg.outcome == null) {
      leg.outcome = "408 Request Timeout (no response)";
      leg.endedAt = java.time.Instant.now();
    }
  }

  /**
   * The stack gave up on a dialog: the customer never ACKed our 200 (the call cannot go on), or an
   * early dialog outlived the stack's limit. Both legs are ended as if the customer hung up.
   */
  void dialogTimeout(Dialog dialog, DialogTimeoutEvent.Reason reason) {
    String callId = dialog.getCallId().getCallId();
    Call call = table.byCallId(callId);
    if (call == null || !callId.equals(call.customerCallId)) {
      return;
    }
    if (reason == DialogTimeoutEvent.Reason.AckNotReceived
        || reason == DialogTimeoutEvent.Reason.EarlyStateTimeout) {
      LOG.info("Call {}: {}; ending it", callId, reason);
      call.executor.execute(
          () -> {
            if (call.phase == Call.Phase.BRIDGED) {
              legs.hangUp(call.customerDialog);
            }
            hungUp(call, true);
          });
    }
  }

  /**
   * Checks every bridged call's legs with an in-dialog OPTIONS; a leg that answers 481 or 408, or
   * not at all, is gone (a phone lost power, a carrier dropped the call without BYE).
   */
  void keepAlive() {
    for (Call call : table.calls()) {
      call.executor.execute(
          () -> {
            if (call.phase == Call.Phase.BRIDGED) {
              legs.ping(call.customerDialog, new Call.KeepAlive(false));
              legs.ping(call.bridged.dialog, new Call.KeepAlive(true));
            } else if (call.customerAnswered && call.phase != Call.Phase.ENDED) {
              legs.ping(call.customerDialog, new Call.KeepAlive(false)); // in a flow, waiting
            }
          });
    }
  }

  private void legGone(Call call, Call.KeepAlive k) {
    if (call.phase == Call.Phase.ENDED || (k.agentSide() && call.phase != Call.Phase.BRIDGED)) {
      return;
    }
    LOG.info(
        "Call {}: the {} leg is gone; ending the call",
        call.customerCallId,
        k.agentSide() ? "agent" : "customer");
    hungUp(call, !k.agentSide(), "keep-alive failed");
  }

  private void noAnswer(Call call, String agentId, String cause) {
    if (call.interactionId == null) {
      return;
    }
    tell(
        c ->
            c.noAnswer(
                call.interactionId, agentId, Map.of("sip.lastCause", agentId + ": " + cause)));
  }

  private void cancelRinging(Call call) {
    for (Call.AgentLeg leg : List.copyOf(call.ringing)) {
      legs.cancel(leg);
    }
    call.ringing.clear();
    call.offeredAgent = null;
  }

  // ---- changes made elsewhere -------------------------------------------------------------

  private void applyChange(Call call, Interaction i, String eventType) {
    if (call.phase == Call.Phase.ENDED) {
      return;
    }
    if (call.phase == Call.Phase.BRIDGED && i.state() == InteractionState.HELD) {
      anchor.held(call);
    } else if (call.phase == Call.Phase.BRIDGED && i.state() == InteractionState.CONNECTED) {
      anchor.resumed(call);
    }
    if (call.monitor != null
        && ((i.state() != InteractionState.CONNECTED && i.state() != InteractionState.HELD)
            || !java.util.Objects.equals(i.agent(), agentOf(call)))) {
      monitors.callLeftAgent(call, "the call left its agent");
    }
    if (EventTypes.INTERACTION_TRANSFERRED.equals(eventType)
        && i.state() == InteractionState.OFFERED
        && call.phase == Call.Phase.QUEUED) {
      ringAgent(call, i.agent()); // transferred straight to an agent: no separate offer event
      return;
    }
    if (call.phase == Call.Phase.RINGING_AGENT
        && (i.state() != InteractionState.OFFERED || !i.agent().equals(call.offeredAgent))) {
      cancelRinging(call);
      call.phase = Call.Phase.QUEUED;
    }
    if (call.phase == Call.Phase.QUEUED
        && i.state() == InteractionState.QUEUED
        && !java.util.Objects.equals(i.queue(), call.queue)) {
      movedToQueue(call, i.queue()); // transferred, or overflowed after the maximum wait
      return;
    }
    if (i.state().isFinal() || i.state() == InteractionState.WRAP_UP) {
      hangUpBoth(call, "ended-elsewhere");
    }
  }

  /** The waiting call is in another queue now: that queue's treatment, or its voicemail. */
  private void movedToQueue(Call call, String queue) {
    call.queue = queue;
    if (voicemail.isVoicemailQueue(queue) && voicemail.inQueue(call, voicemailExit)) {
      return;
    }
    anchor.waiting(call, queue);
    callbacks.arm(call, callbackExit);
  }

  // ---- in-dialog requests ----------------------------------------------------------------------

  /**
   * CANCEL of the customer's INVITE: the customer gave up while waiting or ringing. SIP threads run
   * concurrently, so a CANCEL can overtake its INVITE on the way in: then it answers the INVITE
   * with 487 itself and leaves a mark that stops {@link #newCall} (whichever of the two runs second
   * sees the other).
   */
  void cancel(RequestEvent event, ServerTransaction cancelTx) throws Exception {
    Request cancel = event.getRequest();
    String callId = SipMessages.callId(cancel);
    Call call = table.byCallId(callId);
    if (call == null) {
      earlyCancels.put(callId, clock.instant());
      call = table.byCallId(callId);
      if (call == null) {
        cancelBeforeCall(cancel, cancelTx, callId);
        return;
      }
      earlyCancels.remove(callId);
    }
    if (!call.customerCallId.equals(callId)) {
      cancelTx.sendResponse(sip.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, cancel));
      return;
    }
    cancelTx.sendResponse(sip.response(Response.OK, cancel));
    Call cancelled = call;
    call.executor.execute(() -> customerLeft(cancelled, "caller-cancelled"));
  }

  private void cancelBeforeCall(Request cancel, ServerTransaction cancelTx, String callId)
      throws Exception {
    ServerTransaction invite =
        ((gov.nist.javax.sip.stack.SIPServerTransaction) cancelTx).getCanceledInviteTransaction();
    if (invite == null
        || (invite.getState() != javax.sip.TransactionState.TRYING
            && invite.getState() != javax.sip.TransactionState.PROCEEDING)) {
      // No INVITE transaction matches (none yet, or a malformed one): 481, but the mark stays so
      // an INVITE of this Call-ID that is still on its way in ends at once.
      cancelTx.sendResponse(sip.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, cancel));
      return;
    }
    cancelTx.sendResponse(sip.response(Response.OK, cancel));
    invite.sendResponse(sip.response(Response.REQUEST_TERMINATED, invite.getRequest()));
  }

  /** Forgets marks of CANCELs whose INVITE never reached call control (bounded memory). */
  void housekeeping() {
    java.time.Instant old = clock.instant().minusSeconds(64);
    earlyCancels.values().removeIf(at -> at.isBefore(old));
  }

  private void customerLeft(Call call, String reason) {
    if (!call.customerUnanswered()) {
      return;
    }
    if (call.phase == Call.Phase.HANDED_OVER) {
      call.endedBy = "customer: " + reason; // the callback stands
      endUnanswered(call, Response.REQUEST_TERMINATED, null);
      return;
    }
    call.endedBy = "customer: " + reason;
    cancelRinging(call);
    if (call.interactionId != null) {
      tell(c -> c.abandoned(call.interactionId, reason));
    }
    endUnanswered(call, Response.REQUEST_TERMINATED, null);
  }

  /** BYE on either leg. */
  void bye(RequestEvent event, ServerTransaction tx) throws Exception {
    Request bye = event.getRequest();
    Call call = callOf(bye, tx);
    if (call == null) {
      return;
    }
    tx.sendResponse(sip.response(Response.OK, bye));
    String callId = SipMessages.callId(bye);
    boolean byCustomer = call.customerCallId.equals(callId);
    call.executor.execute(
        () -> {
          Call.MonitorLeg supervisor = CallMonitors.legWithCallId(call, callId);
          if (supervisor != null) {
            monitors.hungUp(call, supervisor);
          } else {
            hungUp(call, byCustomer);
          }
        });
  }

  private void hungUp(Call call, boolean byCustomer) {
    hungUp(call, byCustomer, null);
  }

  /** One side hung up ({@code cause}: why, when it was not a BYE; may be null). */
  private void hungUp(Call call, boolean byCustomer, String cause) {
    if (call.phase == Call.Phase.ENDED) {
      return;
    }
    if (call.phase == Call.Phase.HANDED_OVER) {
      call.endedBy = "customer"; // during the last word: the callback or voicemail stands
      forget(call);
      return;
    }
    if (call.phase == Call.Phase.VOICEMAIL) {
      call.endedBy = byCustomer ? "customer" : "switchboard: " + cause;
      voicemail.callerLeft(call); // what they said so far is the message
      if (!byCustomer) {
        legs.hangUp(call.customerDialog);
      }
      forget(call);
      return;
    }
    if (byCustomer && call.customerUnanswered()) {
      customerLeft(call, "caller-hung-up");
      return;
    }
    if (call.phase == Call.Phase.IN_FLOW) {
      call.endedBy = byCustomer ? "customer" : "switchboard: " + cause;
      FlowCalls.customerLeft(call);
      tell(c -> c.abandoned(call.interactionId, "caller-left-flow"));
      if (!byCustomer) {
        legs.hangUp(call.customerDialog);
      }
      forget(call);
      return;
    }
    if (byCustomer && call.waiting()) {
      // Hung up while waiting again after a transfer: abandoned in the new queue.
      call.endedBy = "customer";
      cancelRinging(call);
      tell(c -> c.abandoned(call.interactionId, "caller-hung-up"));
      forget(call);
      return;
    }
    if (byCustomer) {
      legs.hangUp(call.bridged);
    } else {
      legs.hangUp(call.customerDialog);
    }
    call.endedBy = cause != null ? "switchboard: " + cause : byCustomer ? "customer" : "agent";
    Map<String, String> ended = new java.util.HashMap<>();
    ended.put("sip.hangupBy", byCustomer ? "customer" : "agent");
    if (cause != null) {
      ended.put("sip.lastCause", cause);
    }
    tell(c -> c.conversationEnded(call.interactionId, ended));
    forget(call);
  }

  /** The ACK of our 2xx to the customer (it may carry the SDP answer when the agent offered). */
  void ack(RequestEvent event) {
    Request ack = event.getRequest();
    String callId = SipMessages.callId(ack);
    Call call = table.byCallId(callId);
    if (call != null && call.customerCallId.equals(callId)) {
      call.executor.execute(() -> legs.customerAcked(call, ack));
    }
  }

  /** A re-INVITE, UPDATE or INFO inside a bridged call: passed to the other leg. */
  void relay(RequestEvent event, ServerTransaction tx) throws Exception {
    inCall.relay(event, tx);
  }

  /** REFER from the agent's phone: a blind transfer (see {@link InCallRequests#refer}). */
  void refer(RequestEvent event, ServerTransaction tx) throws Exception {
    inCall.refer(event, tx);
  }

  // ---- ending ----------------------------------------------------------------------------------

  private void hangUpBoth(Call call, String reason) {
    call.endedBy = call.endedBy == null ? "switchboard: " + reason : call.endedBy;
    if (call.outbound() && call.customerUnanswered()) {
      dialer.abort(call);
      return;
    }
    cancelRinging(call);
    if (call.customerUnanswered()) {
      endUnanswered(call, Response.TEMPORARILY_UNAVAILABLE, reason);
      return;
    }
    legs.hangUp(call.bridged);
    legs.hangUp(call.customerDialog);
    forget(call);
  }

  /**
   * The media engine has no room for the call: {@code 503} (with {@code Retry-After}, see {@link
   * CallLegs#finalResponse}) so a trunk tries again or elsewhere. Logged once per second at most:
   * at its limit the engine refuses calls by the hundred.
   */
  private void mediaBusy(Call call, org.switchboard.media.api.MediaBusyException e) {
    mediaBusy.refused(e.getMessage());
    endUnanswered(call, Response.SERVICE_UNAVAILABLE, e.getMessage());
  }

  /** New calls refused with 503 because the media engine had no room for them. */
  long mediaBusyRefusals() {
    return mediaBusy.count();
  }

  /** New calls refused with 503 because routing was late (see {@link RoutingOverload}). */
  long overloadRefusals() {
    return overloaded.count();
  }

  /** How far the ACD's routing is behind now (see {@link RoutingOverload}). */
  java.time.Duration routingLag() {
    return overload.lag();
  }

  private void endUnanswered(Call call, int status, String reason) {
    legs.finalResponse(call, status, reason);
    forget(call);
  }

  private void forget(Call call) {
    table.forget(call);
  }

  /** A call is forgotten: its media closes and its legs are recorded. */
  private void ended(Call call) {
    monitors.callLeftAgent(call, "call ended");
    FlowCalls.customerLeft(call);
    voicemail.callerLeft(call); // a message being taken ends with the call (no-op otherwise)
    anchor.release(call);
    recordLegs(call);
  }

  /** A call is over: its legs go to the core as one record (the CDRs). */
  private void recordLegs(Call call) {
    ChannelContext c = core;
    if (c == null || call.interactionId == null) {
      return;
    }
    try {
      c.legsRecorded(call.interactionId, CallRecords.of(call, clock.instant()));
    } catch (SwitchboardException | IllegalArgumentException e) {
      LOG.info("The legs of call {} were not recorded: {}", call.customerCallId, e.getMessage());
    }
  }

  private Call callOf(Request req, ServerTransaction tx) throws Exception {
    return table.callOf(req, tx, sip);
  }

  private void tell(java.util.function.Function<ChannelContext, Interaction> change) {
    CoreCalls.tell(core, change);
  }

  /** Whether {@code to} carries our tag, i.e. the request belongs to one of our dialogs. */
  static boolean inDialog(Request req) {
    ToHeader to = (ToHeader) req.getHeader(ToHeader.NAME);
    return to != null && to.getTag() != null;
  }
}
