package org.switchboard.channel.sip.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Vector;
import javax.sdp.Attribute;
import javax.sdp.Connection;
import javax.sdp.MediaDescription;
import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;

/** Reads what the B2BUA needs from an SDP body (RFC 4566), with JAIN-SIP's SDP parser. */
final class Sdp {
  private static final List<String> DIRECTIONS =
      List.of("sendrecv", "sendonly", "recvonly", "inactive");

  private Sdp() {}

  /** The media direction an offer asks for (RFC 3264 §8.4); what puts a call on hold. */
  enum Direction {
    SENDRECV,
    SENDONLY,
    RECVONLY,
    INACTIVE;

    /** Whether the offerer holds the other side: sendonly, inactive or the old 0.0.0.0 form. */
    boolean holds() {
      return this == SENDONLY || this == INACTIVE;
    }
  }

  /** The direction of the first audio stream (session-level when the stream has none). */
  static Direction direction(byte[] body) {
    if (body == null || body.length == 0) {
      return Direction.SENDRECV;
    }
    try {
      SessionDescription sd =
          SdpFactory.getInstance()
              .createSessionDescription(new String(body, StandardCharsets.UTF_8));
      Direction session = directionIn(sd.getAttributes(false));
      Vector<?> media = sd.getMediaDescriptions(false);
      MediaDescription audio =
          media == null || media.isEmpty() ? null : (MediaDescription) media.get(0);
      if (nullConnection(sd.getConnection())
          || (audio != null && nullConnection(audio.getConnection()))) {
        return Direction.INACTIVE;
      }
      Direction stream = audio == null ? null : directionIn(audio.getAttributes(false));
      return stream != null ? stream : session != null ? session : Direction.SENDRECV;
    } catch (SdpException | RuntimeException e) {
      return Direction.SENDRECV;
    }
  }

  private static Direction directionIn(Vector<?> attributes) throws SdpException {
    if (attributes == null) {
      return null;
    }
    for (Object o : attributes) {
      String name = ((Attribute) o).getName();
      if (name != null && DIRECTIONS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        return Direction.valueOf(name.toUpperCase(java.util.Locale.ROOT));
      }
    }
    return null;
  }

  private static boolean nullConnection(Connection c) throws SdpException {
    return c != null && "0.0.0.0".equals(c.getAddress());
  }
}
