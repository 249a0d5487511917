package org.switchboard.media.impl;

import java.net.InetSocketAddress;
import java.util.Map;
import org.switchboard.media.api.Codec;
import org.switchboard.media.api.MediaSession.Direction;

/**
 * What was negotiated with the far end: where its RTP and RTCP go, the codec, the payload types it
 * uses, and the directions. Immutable; replaced as a whole on every offer/answer.
 *
 * @param rtp the far end's RTP address from its SDP, or null when it must not be sent to
 * @param codec the codec we send
 * @param payloadType the payload type we send {@code codec} with
 * @param received payload type to codec, for the audio packets we accept
 * @param eventPayloadType the far end's telephone-event payload type, -1 when not negotiated
 * @param remoteDirection what the far end asked for (effective: an old-style hold narrows it)
 * @param localDirection what we offered or answered
 * @param ptime the packet duration the far end asked for, 0 when it did not say
 */
record RemoteMedia(
    InetSocketAddress rtp,
    Codec codec,
    int payloadType,
    Map<Integer, Codec> received,
    int eventPayloadType,
    Direction remoteDirection,
    Direction localDirection,
    int ptime) {

  RemoteMedia {
    received = Map.copyOf(received);
  }

  /** Where RTCP goes: the RTP port plus one. */
  InetSocketAddress rtcp() {
    return rtp == null ? null : new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
  }

  /** Whether we may send audio: we said we send, and the far end said it receives. */
  boolean sends() {
    return rtp != null && sending(localDirection) && receiving(remoteDirection);
  }

  /** Whether we take the far end's audio: we said we receive. */
  boolean receives() {
    return receiving(localDirection);
  }

  boolean telephoneEvents() {
    return eventPayloadType >= 0;
  }

  static boolean sending(Direction d) {
    return d == Direction.SENDRECV || d == Direction.SENDONLY;
  }

  static boolean receiving(Direction d) {
    return d == Direction.SENDRECV || d == Direction.RECVONLY;
  }
}
