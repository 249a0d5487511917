package org.switchboard.media.impl;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.switchboard.media.api.Codec;
import org.switchboard.media.api.MediaException;
import org.switchboard.media.api.MediaSession.Direction;

/**
 * SDP offer/answer (RFC 3264) for one session: writes our offers and answers (PCMU, PCMA,
 * telephone-event) and reads the far end's into {@link RemoteMedia}. Our o= line keeps one session
 * id; its version goes up by one whenever what we describe changes (RFC 3264 §8). Not thread-safe:
 * the session calls it under its lock.
 */
final class SdpNegotiator {
  static final int EVENT_PAYLOAD_TYPE = 101;
  private static final String PROTOCOL = "RTP/AVP";

  private final String address;
  private final int port;
  private final int ptime;
  private final long sessionId = new SecureRandom().nextInt(Integer.MAX_VALUE) + 1L;
  private long version = 1;
  private String lastBody;
  private Direction offered;

  /** Our answer and what it settled. */
  record Answer(String sdp, RemoteMedia remote) {}

  SdpNegotiator(String advertisedAddress, int port, int ptime) {
    this.address = advertisedAddress;
    this.port = port;
    this.ptime = ptime;
  }

  /** Our offer: PCMU, PCMA and telephone-event 101 in {@code direction}. */
  String offer(Direction direction) {
    offered = direction;
    List<String[]> attributes = new ArrayList<>();
    attributes.add(new String[] {"rtpmap", "0 PCMU/8000"});
    attributes.add(new String[] {"rtpmap", "8 PCMA/8000"});
    attributes.addAll(eventAttributes(EVENT_PAYLOAD_TYPE));
    attributes.add(new String[] {"ptime", String.valueOf(ptime)});
    attributes.add(new String[] {direction.name().toLowerCase(java.util.Locale.ROOT), null});
    return write(
        List.of(new SdpWriter.Line("audio", port, PROTOCOL, List.of("0", "8", "101"), attributes)));
  }

  /** Reads the far end's answer to our last offer. */
  RemoteMedia accept(String sdp) throws MediaException {
    if (offered == null) {
      throw new MediaException("an SDP answer came but no offer was made");
    }
    List<SdpStream> streams = SdpReader.streams(sdp);
    SdpStream audio = streams.isEmpty() ? null : streams.get(0);
    if (audio == null || !audio.isAudio()) {
      throw new MediaException("the SDP answer has no audio stream");
    }
    if (audio.port() == 0) {
      throw new MediaException("the SDP answer rejected the audio stream (port 0)");
    }
    Map<Integer, Codec> received = codecs(audio);
    if (received.isEmpty()) {
      throw new MediaException(
          "the SDP answer has no codec we offered (PCMU, PCMA): " + audio.formats());
    }
    int pt = firstPayloadType(audio, received);
    Direction remote = audio.effectiveDirection();
    return new RemoteMedia(
        target(audio),
        received.get(pt),
        pt,
        received,
        audio.telephoneEventPayloadType(),
        remote,
        offered,
        audio.ptime());
  }

  /** Answers the far end's offer; the direction answered mirrors the offer's. */
  Answer answer(String sdp) throws MediaException {
    List<SdpStream> streams = SdpReader.streams(sdp);
    int chosen = chooseAudio(streams);
    SdpStream audio = streams.get(chosen);
    Map<Integer, Codec> received = codecs(audio);
    if (received.isEmpty()) {
      throw new MediaException(
          "no common codec: the offer has "
              + audio.formats()
              + " but Switchboard speaks PCMU (0) and PCMA (8)");
    }
    int pt = firstPayloadType(audio, received);
    Direction remote = audio.effectiveDirection();
    Direction local = remote.answer();
    int event = audio.telephoneEventPayloadType();
    RemoteMedia media =
        new RemoteMedia(
            target(audio), received.get(pt), pt, received, event, remote, local, audio.ptime());
    offered = null;
    return new Answer(write(answerLines(streams, chosen, media)), media);
  }

  private List<SdpWriter.Line> answerLines(List<SdpStream> streams, int chosen, RemoteMedia m) {
    List<SdpWriter.Line> lines = new ArrayList<>();
    for (int i = 0; i < streams.size(); i++) {
      SdpStream s = streams.get(i);
      if (i != chosen) {
        List<String> first = s.formats().isEmpty() ? List.of("0") : s.formats().subList(0, 1);
        lines.add(new SdpWriter.Line(s.type(), 0, s.protocol(), first, List.of()));
        continue;
      }
      List<String> formats = new ArrayList<>(List.of(String.valueOf(m.payloadType())));
      List<String[]> attributes = new ArrayList<>();
      attributes.add(new String[] {"rtpmap", m.payloadType() + " " + m.codec().name() + "/8000"});
      if (m.telephoneEvents()) {
        formats.add(String.valueOf(m.eventPayloadType()));
        attributes.addAll(eventAttributes(m.eventPayloadType()));
      }
      attributes.add(new String[] {"ptime", String.valueOf(ptime)});
      attributes.add(
          new String[] {m.localDirection().name().toLowerCase(java.util.Locale.ROOT), null});
      lines.add(
          new SdpWriter.Line("audio", s.port() == 0 ? 0 : port, s.protocol(), formats, attributes));
    }
    return lines;
  }

  /** The first audio stream we can take; a disabled one (port 0) only when there is no other. */
  private static int chooseAudio(List<SdpStream> streams) throws MediaException {
    int disabled = -1;
    for (int i = 0; i < streams.size(); i++) {
      SdpStream s = streams.get(i);
      if (s.isAudio() && s.protocol() != null && s.protocol().toUpperCase().startsWith(PROTOCOL)) {
        if (s.port() != 0) {
          return i;
        }
        disabled = disabled < 0 ? i : disabled;
      }
    }
    if (disabled >= 0) {
      return disabled;
    }
    throw new MediaException(
        "the SDP offer has no RTP/AVP audio stream (SRTP and other transports are not supported)");
  }

  /** The audio codecs a stream lists that we speak, by payload type, in its order. */
  private static Map<Integer, Codec> codecs(SdpStream stream) {
    Map<Integer, Codec> codecs = new HashMap<>();
    for (String format : stream.formats()) {
      int pt = SdpStream.payloadType(format);
      String encoding = pt < 0 ? "" : stream.encoding(pt);
      for (Codec codec : Codec.values()) {
        if (encoding.startsWith(codec.name().toLowerCase(java.util.Locale.ROOT) + "/8000")) {
          codecs.putIfAbsent(pt, codec);
        }
      }
    }
    return codecs;
  }

  private static int firstPayloadType(SdpStream stream, Map<Integer, Codec> codecs) {
    for (String format : stream.formats()) {
      int pt = SdpStream.payloadType(format);
      if (codecs.containsKey(pt)) {
        return pt;
      }
    }
    throw new IllegalStateException("no codec among " + stream.formats());
  }

  /** The far end's RTP address, or null when it must not be sent to. */
  private static InetSocketAddress target(SdpStream stream) throws MediaException {
    if (stream.port() == 0 || stream.nullAddress()) {
      return null;
    }
    if (stream.address() == null) {
      throw new MediaException("the SDP has no connection address (c= line) for audio");
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(numeric(stream.address())), stream.port());
    } catch (UnknownHostException e) {
      throw new MediaException("the SDP's connection address is not valid: " + stream.address(), e);
    }
  }

  /** Addresses in SDP must be numeric here: name look-ups would block the signalling thread. */
  private static String numeric(String address) throws MediaException {
    String a = address.trim();
    if (a.isEmpty() || !(Character.isDigit(a.charAt(0)) || a.contains(":"))) {
      throw new MediaException("the SDP's connection address must be an IP address: " + a);
    }
    return a;
  }

  private static List<String[]> eventAttributes(int pt) {
    return List.of(
        new String[] {"rtpmap", pt + " telephone-event/8000"}, new String[] {"fmtp", pt + " 0-16"});
  }

  private String write(List<SdpWriter.Line> lines) {
    String body = SdpWriter.write(sessionId, version, address, lines);
    String content = withoutOrigin(body);
    if (lastBody != null && !lastBody.equals(content)) {
      version++;
      body = SdpWriter.write(sessionId, version, address, lines);
    }
    lastBody = content;
    return body;
  }

  private static String withoutOrigin(String body) {
    return body.replaceFirst("(?m)^o=[^\r\n]*\r?\n", "");
  }
}
