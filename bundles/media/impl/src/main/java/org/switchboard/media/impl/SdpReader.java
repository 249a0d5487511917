package org.switchboard.media.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Vector;
import javax.sdp.Attribute;
import javax.sdp.Connection;
import javax.sdp.Media;
import javax.sdp.MediaDescription;
import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;
import org.switchboard.media.api.MediaException;
import org.switchboard.media.api.MediaSession.Direction;

/** Reads a far end's SDP (RFC 4566) into its streams, with JAIN-SIP's SDP parser. Stateless. */
final class SdpReader {
  private SdpReader() {}

  /**
   * The m= lines of an SDP body, in order.
   *
   * @throws MediaException when the body is empty or is not SDP
   */
  static List<SdpStream> streams(String sdp) throws MediaException {
    if (sdp == null || sdp.isBlank() || !sdp.stripLeading().startsWith("v=")) {
      throw new MediaException("not an SDP body (it must start with v=0)");
    }
    try {
      SessionDescription session = SdpFactory.getInstance().createSessionDescription(sdp);
      String sessionAddress = address(session.getConnection());
      Direction sessionDirection = direction(session.getAttributes(false), Direction.SENDRECV);
      List<SdpStream> streams = new ArrayList<>();
      Vector<?> media = session.getMediaDescriptions(false);
      for (Object o : media == null ? List.of() : media) {
        streams.add(stream((MediaDescription) o, sessionAddress, sessionDirection));
      }
      return streams;
    } catch (SdpException | RuntimeException e) {
      throw new MediaException("the SDP cannot be parsed: " + e.getMessage(), e);
    }
  }

  private static SdpStream stream(MediaDescription md, String sessionAddress, Direction fallback)
      throws SdpException {
    Media media = md.getMedia();
    Vector<?> attributes = md.getAttributes(false);
    String address = address(md.getConnection());
    List<String> formats = new ArrayList<>();
    Vector<?> fmts = media.getMediaFormats(false);
    for (Object f : fmts == null ? List.of() : fmts) {
      formats.add(String.valueOf(f).trim());
    }
    return new SdpStream(
        media.getMediaType(),
        media.getProtocol(),
        media.getMediaPort(),
        address != null ? address : sessionAddress,
        List.copyOf(formats),
        rtpmaps(attributes),
        direction(attributes, fallback),
        ptime(attributes));
  }

  private static String address(Connection connection) throws SdpException {
    return connection == null ? null : connection.getAddress();
  }

  private static Direction direction(Vector<?> attributes, Direction fallback) throws SdpException {
    for (Attribute a : list(attributes)) {
      String name = a.getName() == null ? "" : a.getName().trim().toUpperCase(Locale.ROOT);
      for (Direction d : Direction.values()) {
        if (d.name().equals(name)) {
          return d;
        }
      }
    }
    return fallback;
  }

  private static Map<Integer, String> rtpmaps(Vector<?> attributes) throws SdpException {
    Map<Integer, String> maps = new HashMap<>();
    for (Attribute a : list(attributes)) {
      if ("rtpmap".equalsIgnoreCase(a.getName()) && a.getValue() != null) {
        String[] parts = a.getValue().trim().split("\\s+", 2);
        int pt = SdpStream.payloadType(parts[0]);
        if (pt >= 0 && parts.length == 2) {
          maps.put(pt, parts[1].trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    return Map.copyOf(maps);
  }

  private static int ptime(Vector<?> attributes) throws SdpException {
    for (Attribute a : list(attributes)) {
      if ("ptime".equalsIgnoreCase(a.getName()) && a.getValue() != null) {
        try {
          return Integer.parseInt(a.getValue().trim());
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 0;
  }

  private static List<Attribute> list(Vector<?> attributes) {
    List<Attribute> out = new ArrayList<>();
    if (attributes != null) {
      for (Object o : attributes) {
        if (o instanceof Attribute a) {
          out.add(a);
        }
      }
    }
    return out;
  }
}
