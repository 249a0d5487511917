package org.switchboard.channel.sip.internal;

import gov.nist.javax.sip.clientauthutils.UserCredentials;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import javax.sip.address.SipURI;

/**
 * Where agents' dials go: the carrier or SBC that takes outbound calls, the company number shown to
 * customers, how long a customer's phone may ring, and which numbers may be dialled at all (so a
 * desktop cannot run up a bill to premium numbers abroad).
 */
final class OutboundTrunk {
  /**
   * The longest a customer may ring. Until the media anchor exists, the agent's phone has answered
   * and waits for our ACK, which it gives up on after 64 × T1 = 32 s (RFC 3261 §13.3.1.4).
   */
  static final int MAX_RING_SECONDS = 30;

  /** What a dial request comes to: a number to call, or why not. */
  sealed interface Check {}

  /** A number the trunk may be asked for: E.164 ({@code +4930123456}) or a short number. */
  record Dialable(String number) implements Check {}

  /**
   * A number that is not called.
   *
   * @param outcome the disposition code of the closed interaction
   * @param note details for people
   */
  record Refused(String outcome, String note) implements Check {}

  private final String trunk;
  private final String callerId;
  private final Duration ringTime;
  private final List<String> prefixes;
  private final NumberPlan plan;
  private final UserCredentials credentials;

  /**
   * @param trunk the trunk's SIP URI ({@code sip:sbc.example.net:5060;transport=tcp}), empty for
   *     none
   * @param callerId the number presented to customers, empty for anonymous
   * @param ringSeconds how long the customer may ring, capped at {@link #MAX_RING_SECONDS}
   * @param prefixes allowed number prefixes after normalisation ({@code +49}, {@code +1800}); empty
   *     allows every number
   */
  OutboundTrunk(
      String trunk, String callerId, int ringSeconds, List<String> prefixes, NumberPlan plan) {
    this(
        trunk == null ? "" : trunk.strip(),
        callerId == null || callerId.isBlank() ? "anonymous" : callerId.strip(),
        Duration.ofSeconds(Math.max(5, Math.min(MAX_RING_SECONDS, ringSeconds))),
        prefixes.stream().map(String::strip).filter(p -> !p.isEmpty()).toList(),
        plan,
        null);
  }

  private OutboundTrunk(
      String trunk,
      String callerId,
      Duration ringTime,
      List<String> prefixes,
      NumberPlan plan,
      UserCredentials credentials) {
    this.trunk = trunk;
    this.callerId = callerId;
    this.ringTime = ringTime;
    this.prefixes = prefixes;
    this.plan = plan;
    this.credentials = credentials;
  }

  /**
   * The same trunk with digest credentials for carriers that challenge our INVITEs; a blank user
   * means none.
   */
  OutboundTrunk withCredentials(String user, String password) {
    if (user == null || user.isBlank()) {
      return new OutboundTrunk(trunk, callerId, ringTime, prefixes, plan, null);
    }
    return new OutboundTrunk(
        trunk, callerId, ringTime, prefixes, plan, new Account(user.strip(), password, host()));
  }

  /** The credentials for a challenge, or null when none are configured. */
  UserCredentials credentials() {
    return credentials;
  }

  private String host() {
    try {
      return ((SipURI) new SipMessages().addresses.createURI(trunk)).getHost();
    } catch (ParseException | ClassCastException e) {
      return trunk;
    }
  }

  /** A user name and password for the trunk's digest challenges. */
  private record Account(String user, String password, String domain) implements UserCredentials {
    Account {
      password = password == null ? "" : password;
    }

    @Override
    public String getUserName() {
      return user;
    }

    @Override
    public String getPassword() {
      return password;
    }

    @Override
    public String getSipDomain() {
      return domain;
    }

    @Override
    public String toString() {
      return "Account[user=" + user + ", domain=" + domain + "]"; // never the password
    }
  }

  boolean configured() {
    return !trunk.isEmpty();
  }

  String callerId() {
    return callerId;
  }

  Duration ringTime() {
    return ringTime;
  }

  /** Normalises what the agent typed and checks it may be dialled. */
  Check check(String typed) {
    if (!configured()) {
      return new Refused("no-outbound-trunk", "no outbound trunk is configured (outboundTrunk)");
    }
    String number = plan.normalize(typed);
    if (number.isEmpty() || number.indexOf('*') >= 0 || number.indexOf('#') >= 0) {
      return new Refused("invalid-number", "not a phone number: " + typed);
    }
    if (!prefixes.isEmpty() && prefixes.stream().noneMatch(number::startsWith)) {
      return new Refused(
          "number-not-allowed", number + " matches none of the allowed prefixes " + prefixes);
    }
    return new Dialable(number);
  }

  /** The Request-URI for {@code number}: the trunk's URI with the number as user. */
  SipURI target(SipMessages sip, String number) throws ParseException {
    SipURI uri = (SipURI) sip.addresses.createURI(trunk).clone();
    uri.setUser(number);
    if (number.startsWith("+")) {
      uri.setUserParam("phone");
    }
    return uri;
  }

  /** Checks the configured trunk URI; a message for the log when it is not a SIP URI. */
  static String problem(SipMessages sip, String trunk) {
    if (trunk == null || trunk.isBlank()) {
      return null;
    }
    try {
      return sip.addresses.createURI(trunk.strip()) instanceof SipURI
          ? null
          : "outboundTrunk must be a sip: or sips: URI, got " + trunk;
    } catch (ParseException e) {
      return "outboundTrunk is not a SIP URI (" + e.getMessage() + "): " + trunk;
    }
  }
}
