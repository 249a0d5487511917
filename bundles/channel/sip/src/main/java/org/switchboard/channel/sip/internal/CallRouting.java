package org.switchboard.channel.sip.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ReferToHeader;
import javax.sip.message.Request;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.interaction.Direction;
import org.switchboard.core.api.interaction.OpenInteraction;
import org.switchboard.core.api.interaction.QueueRequest;
import org.switchboard.core.api.interaction.TransferTarget;

/**
 * Where an inbound call goes: which sources may send calls (trunks), which dialled number leads to
 * which entry point, and what the core is told about the call (numbers in E.164).
 */
final class CallRouting {

  /** Attribute: the SIP Call-ID of the customer's leg (marks interactions this channel owns). */
  static final String CALL_ID = "sip.callId";

  private final NumberPlan plan;
  private final TrunkPolicy trunks;

  CallRouting(NumberPlan plan, TrunkPolicy trunks) {
    this.plan = plan;
    this.trunks = trunks;
  }

  /**
   * A routable call: the normalized dialled number and either the queue it waits in or the flow
   * (IVR) it enters first (the other is null).
   */
  record Destination(String dialled, QueueRequest queue, String flow) {}

  boolean trusts(String sourceHost) {
    try {
      return trunks.trusts(InetAddress.getByName(sourceHost));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The entry point of the dialled number (Request-URI user), if it has one. */
  Optional<Destination> destination(Request invite) {
    String dialled = userOf(invite.getRequestURI());
    if (dialled == null) {
      return Optional.empty();
    }
    return plan.route(dialled)
        .map(
            entry ->
                entry.kind() == EntryPoint.Kind.QUEUE
                    ? new Destination(plan.normalize(dialled), QueueRequest.to(entry.id()), null)
                    : new Destination(plan.normalize(dialled), null, entry.id()));
  }

  /** The queue a number (or a queue id) routes to, for a flow's transfer; empty otherwise. */
  Optional<String> queueOf(String destination) {
    return plan.route(destination)
        .filter(e -> e.kind() == EntryPoint.Kind.QUEUE)
        .map(EntryPoint::id);
  }

  /**
   * Where a REFER sends the call: the queue of a routed number, otherwise the agent named by the
   * Refer-To user. Empty when the REFER names neither in a usable form.
   */
  Optional<TransferTarget> transferTarget(Request refer) {
    ReferToHeader referTo = (ReferToHeader) refer.getHeader(ReferToHeader.NAME);
    String user = referTo == null ? null : userOf(referTo.getAddress().getURI());
    if (user == null || user.isBlank()) {
      return Optional.empty();
    }
    Optional<EntryPoint> entry = plan.route(user);
    try {
      if (entry.isPresent() && entry.get().kind() == EntryPoint.Kind.QUEUE) {
        return Optional.of(TransferTarget.toQueue(entry.get().id()));
      }
      return Optional.of(TransferTarget.toAgent(user));
    } catch (ValidationException e) {
      return Optional.empty();
    }
  }

  /** What the core is told when the call arrives. */
  OpenInteraction openRequest(Request invite, Destination d) {
    FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
    String caller = userOf(from.getAddress().getURI());
    String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
    Map<String, String> attributes = new HashMap<>();
    attributes.put(CALL_ID, shorten(callId));
    attributes.put("sip.from", shorten(from.getAddress().getURI().toString()));
    if (from.getAddress().getDisplayName() != null) {
      attributes.put("sip.callerName", shorten(from.getAddress().getDisplayName()));
    }
    return new OpenInteraction(
        ChannelType.VOICE,
        shorten(callId),
        Direction.INBOUND,
        callerNumber(caller),
        d.dialled(),
        null,
        attributes);
  }

  /** The caller's number in E.164 where it is one; {@code anonymous} when it is no number. */
  private String callerNumber(String caller) {
    String number = caller == null ? "" : plan.normalize(caller);
    return number.isEmpty() ? "anonymous" : number;
  }

  private static String userOf(URI uri) {
    if (uri instanceof SipURI s) {
      return s.getUser();
    }
    if (uri instanceof TelURL t) {
      return (t.isGlobal() ? "+" : "") + t.getPhoneNumber();
    }
    return null;
  }

  private static String shorten(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", "");
    return clean.length() > OpenInteraction.MAX_ADDRESS_LENGTH
        ? clean.substring(0, OpenInteraction.MAX_ADDRESS_LENGTH)
        : clean;
  }
}
