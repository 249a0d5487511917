package org.switchboard.channel.sip.internal;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls in progress, found by the Call-ID of any of their legs or by their interaction. SIP
 * threads look calls up here; a call is added and forgotten from its own executor.
 */
final class CallTable {
  private final Map<String, Call> byCallId = new ConcurrentHashMap<>();
  private final Map<String, Call> byInteraction = new ConcurrentHashMap<>();
  private final java.util.Set<Call> added = ConcurrentHashMap.newKeySet();
  private final java.util.function.Consumer<Call> ended;

  /**
   * @param ended told of each call once, when it is forgotten (on the call's executor)
   */
  CallTable(java.util.function.Consumer<Call> ended) {
    this.ended = ended;
  }

  /** The call a leg with this Call-ID belongs to, or null. */
  Call byCallId(String callId) {
    return byCallId.get(callId);
  }

  /** The call an in-dialog request belongs to; null after answering 481 when there is none. */
  Call callOf(javax.sip.message.Request req, javax.sip.ServerTransaction tx, SipMessages sip)
      throws Exception {
    Call call = byCallId(SipMessages.callId(req));
    if (call == null) {
      tx.sendResponse(
          sip.response(javax.sip.message.Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, req));
    }
    return call;
  }

  /** The call of an interaction, or null. */
  Call byInteraction(String interactionId) {
    return byInteraction.get(interactionId);
  }

  /** Adds a call under its customer leg's Call-ID; false when that Call-ID is taken (a loop). */
  boolean add(Call call) {
    if (byCallId.putIfAbsent(call.customerCallId, call) != null) {
      return false;
    }
    added.add(call);
    return true;
  }

  /** Takes back a call just added that never started (its CANCEL came first). */
  void discard(Call call) {
    byCallId.remove(call.customerCallId, call);
    added.remove(call);
  }

  /** Files a leg's Call-ID under its call. */
  void addLeg(String callId, Call call) {
    byCallId.put(callId, call);
  }

  void removeLeg(String callId) {
    byCallId.remove(callId);
  }

  /** The core opened (or dialled) the call's interaction. */
  void bind(String interactionId, Call call) {
    call.interactionId = interactionId;
    byInteraction.put(interactionId, call);
  }

  /**
   * The call no longer stands for its interaction (the caller chose a callback, which will be a
   * call of its own); the call keeps its legs until it is forgotten.
   */
  void unbind(Call call) {
    if (call.interactionId != null) {
      byInteraction.remove(call.interactionId, call);
    }
  }

  boolean knows(String interactionId) {
    return byInteraction.containsKey(interactionId);
  }

  /** Calls whose interaction is known, in no order. */
  Collection<Call> calls() {
    return byInteraction.values();
  }

  /** Legs in progress (customer and agent legs alike); admission control counts these. */
  int legs() {
    return byCallId.size();
  }

  /** Calls whose interaction is known. */
  int size() {
    return byInteraction.size();
  }

  /** Calls added and not yet forgotten, whether or not their interaction is known yet. */
  int inProgress() {
    return added.size();
  }

  /** Ends the call as far as signalling goes and drops every one of its Call-IDs. */
  void forget(Call call) {
    if (call.phase == Call.Phase.ENDED) {
      return;
    }
    call.phase = Call.Phase.ENDED;
    added.remove(call);
    byCallId.remove(call.customerCallId);
    call.allLegs.forEach(l -> byCallId.remove(l.callId));
    call.monitorLegs.forEach(l -> byCallId.remove(l.callId));
    if (call.interactionId != null) {
      byInteraction.remove(call.interactionId, call);
    }
    ended.accept(call);
  }
}
