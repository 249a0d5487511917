package org.switchboard.media.impl;

import java.util.List;
import java.util.Map;
import org.switchboard.media.api.MediaSession.Direction;

/**
 * One m= line of a far end's SDP, as read: what an offer or answer says about a stream.
 *
 * @param type the media type ({@code audio}, {@code video}, ...)
 * @param protocol the transport ({@code RTP/AVP}, ...)
 * @param port the port; 0 when the stream is rejected or disabled
 * @param address the connection address (media level, else session level), or null
 * @param formats the payload types in the far end's order of preference
 * @param rtpmaps payload type to encoding name, lower case, e.g. {@code pcmu/8000}
 * @param direction the stated direction (media level, else session level, else sendrecv)
 * @param ptime the a=ptime value in ms, 0 when absent
 */
record SdpStream(
    String type,
    String protocol,
    int port,
    String address,
    List<String> formats,
    Map<Integer, String> rtpmaps,
    Direction direction,
    int ptime) {

  static final String TELEPHONE_EVENT = "telephone-event";

  /** Whether the far end asks for no media to be sent to it (c=0.0.0.0, old-style hold). */
  boolean nullAddress() {
    return "0.0.0.0".equals(address) || "::".equals(address);
  }

  /** The direction to honour: stated, narrowed by an old-style hold address. */
  Direction effectiveDirection() {
    if (port == 0) {
      return Direction.INACTIVE;
    }
    if (!nullAddress()) {
      return direction;
    }
    return switch (direction) {
      case SENDRECV, SENDONLY -> Direction.SENDONLY;
      default -> Direction.INACTIVE;
    };
  }

  boolean isAudio() {
    return "audio".equalsIgnoreCase(type);
  }

  /** The encoding name of a payload type: its rtpmap, or the static RFC 3551 name. */
  String encoding(int payloadType) {
    String map = rtpmaps.get(payloadType);
    if (map != null) {
      return map;
    }
    return switch (payloadType) {
      case 0 -> "pcmu/8000";
      case 8 -> "pcma/8000";
      default -> "";
    };
  }

  /** The payload type the far end gave telephone-event at 8 kHz, or -1. */
  int telephoneEventPayloadType() {
    for (String format : formats) {
      int pt = payloadType(format);
      if (pt >= 0 && encoding(pt).startsWith(TELEPHONE_EVENT + "/8000")) {
        return pt;
      }
    }
    return -1;
  }

  /** A format token as a payload type, or -1 when it is not a number 0-127. */
  static int payloadType(String format) {
    try {
      int pt = Integer.parseInt(format.trim());
      return pt >= 0 && pt <= 127 ? pt : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
