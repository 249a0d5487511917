package org.switchboard.media.impl;

import java.util.List;
import java.util.Vector;
import javax.sdp.Attribute;
import javax.sdp.MediaDescription;
import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;

/** Writes our SDP (RFC 4566) with JAIN-SIP's SDP builder: CRLF line ends. Stateless. */
final class SdpWriter {
  private static final String SKELETON = "v=0\r\no=- 0 0 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n";

  private SdpWriter() {}

  /**
   * One m= line to write.
   *
   * @param attributes name and value (null for a flag such as {@code sendrecv}) pairs
   */
  record Line(
      String type, int port, String protocol, List<String> formats, List<String[]> attributes) {}

  /** A full session description: origin, session-level connection, the m= lines. */
  static String write(long sessionId, long version, String address, List<Line> lines) {
    try {
      SdpFactory factory = SdpFactory.getInstance();
      SessionDescription sd = factory.createSessionDescription(SKELETON);
      String type = address.contains(":") ? "IP6" : "IP4";
      sd.setOrigin(factory.createOrigin("switchboard", sessionId, version, "IN", type, address));
      sd.setConnection(factory.createConnection("IN", type, address));
      Vector<MediaDescription> media = new Vector<>();
      for (Line line : lines) {
        media.add(media(factory, line));
      }
      sd.setMediaDescriptions(media);
      return sd.toString();
    } catch (SdpException e) {
      throw new IllegalStateException("cannot write SDP: " + e.getMessage(), e);
    }
  }

  private static MediaDescription media(SdpFactory factory, Line line) throws SdpException {
    MediaDescription md =
        factory.createMediaDescription(
            line.type(), line.port(), 1, line.protocol(), line.formats().toArray(new String[0]));
    Vector<Attribute> attributes = new Vector<>();
    for (String[] a : line.attributes()) {
      attributes.add(factory.createAttribute(a[0], a[1]));
    }
    md.setAttributes(attributes);
    return md;
  }
}
