package org.switchboard.media.api;

/** The audio codecs the engine speaks: G.711 at 8 kHz, 20 ms packets unless the peer asks more. */
public enum Codec {
  /** G.711 µ-law, static RTP payload type 0. */
  PCMU(0),
  /** G.711 A-law, static RTP payload type 8. */
  PCMA(8);

  private final int payloadType;

  Codec(int payloadType) {
    this.payloadType = payloadType;
  }

  /** The static RTP payload type (RFC 3551). */
  public int payloadType() {
    return payloadType;
  }
}
