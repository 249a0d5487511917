package org.switchboard.channel.sip.internal;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.SIPTransaction;
import java.util.Locale;
import java.util.Properties;
import javax.sip.PeerUnavailableException;

/**
 * The JAIN-SIP RI stack, with CANCEL matched to its INVITE by the transaction table's key instead
 * of by walking every transaction. The RI compares the CANCEL with each open transaction in turn
 * (lower-casing branches as it goes), so with thousands of calls in progress every CANCEL cost
 * thousands of comparisons on the thread that reads the SIP socket: under overload, when callers
 * give up and cancel by the thousand, that thread spent four fifths of its time there and the
 * throughput collapsed (docs/PERFORMANCE.md, fifth round).
 *
 * <p>An RFC 3261 INVITE transaction is stored under its branch in lower case, and a CANCEL carries
 * the INVITE's branch, so one lookup finds the only candidate; the RI's own test ({@code
 * doesCancelMatchTransaction}: branch and sent-by) still decides. Requests from RFC 2543 peers (a
 * branch without the {@code z9hG4bK} cookie, or none) are matched the RI's way.
 */
final class KeyedCancelStack extends SipStackImpl {
  private static final String MAGIC_COOKIE = "z9hG4bK";

  KeyedCancelStack(Properties properties) throws PeerUnavailableException {
    super(properties);
  }

  @Override
  public SIPTransaction findCancelTransaction(SIPRequest cancel, boolean isServer) {
    Via top = cancel.getTopmostVia();
    String branch = top == null ? null : top.getBranch();
    if (branch == null || !branch.regionMatches(true, 0, MAGIC_COOKIE, 0, MAGIC_COOKIE.length())) {
      return super.findCancelTransaction(cancel, isServer);
    }
    SIPTransaction candidate = findTransaction(branch.toLowerCase(Locale.ROOT), isServer);
    return candidate != null && candidate.doesCancelMatchTransaction(cancel) ? candidate : null;
  }
}
