package org.switchboard.media.impl;

import java.net.InetSocketAddress;

/**
 * Symmetric RTP (RFC 4961): where to send. The address the far end's SDP gave until its first valid
 * packet arrives, then the address that packet came from; a later source address is taken only with
 * a new SSRC (a new stream, e.g. after a transfer), so stray packets cannot steal the stream.
 * Thread-safe.
 */
final class Latch {
  private volatile InetSocketAddress target;
  private InetSocketAddress signalled;
  private boolean latched;
  private long ssrc = -1;

  /**
   * The address of an offer or answer: when it is new, send there until a packet arrives from the
   * far end again; the same address again (a hold or resume) keeps the latched one.
   */
  synchronized void expect(InetSocketAddress address) {
    if (address != null && address.equals(signalled)) {
      return;
    }
    signalled = address;
    target = address;
    latched = false;
    ssrc = -1;
  }

  /** A valid packet from the far end: latch onto its source unless it is a known stream. */
  synchronized void packet(long source, InetSocketAddress from) {
    if (!latched || source != ssrc) {
      target = from;
      latched = true;
      ssrc = source;
    }
  }

  /** Where packets go now, or null when nothing was negotiated. */
  InetSocketAddress target() {
    return target;
  }
}
