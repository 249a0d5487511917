package org.switchboard.media.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.switchboard.media.api.Codec;
import org.switchboard.media.api.MediaException;
import org.switchboard.media.api.MediaSession.Direction;

class SdpNegotiatorTest {
  private final SdpNegotiator sdp = new SdpNegotiator("192.0.2.10", 10_002, 20);

  @Test
  void offersPcmuPcmaAndTelephoneEvent() {
    String offer = sdp.offer(Direction.SENDRECV);
    assertThat(offer)
        .contains("m=audio 10002 RTP/AVP 0 8 101\r\n")
        .contains("c=IN IP4 192.0.2.10\r\n")
        .contains("a=rtpmap:0 PCMU/8000\r\n")
        .contains("a=rtpmap:8 PCMA/8000\r\n")
        .contains("a=rtpmap:101 telephone-event/8000\r\n")
        .contains("a=fmtp:101 0-16\r\n")
        .contains("a=ptime:20\r\n")
        .contains("a=sendrecv\r\n")
        .startsWith("v=0\r\n");
    assertThat(offer).containsPattern("o=switchboard \\d+ 1 IN IP4 192.0.2.10");
  }

  @Test
  void theVersionGoesUpOnlyWhenTheOfferChanges() {
    String first = origin(sdp.offer(Direction.SENDRECV));
    String same = origin(sdp.offer(Direction.SENDRECV));
    String hold = origin(sdp.offer(Direction.SENDONLY));
    assertThat(same).isEqualTo(first);
    assertThat(version(hold)).isEqualTo(version(first) + 1);
    assertThat(sessionId(hold)).isEqualTo(sessionId(first));
  }

  @Test
  void answersAPcmaOnlyOffer() throws MediaException {
    SdpNegotiator.Answer answer = sdp.answer(TestPeer.sdp(4000, "198.51.100.7", "8"));
    assertThat(answer.remote().codec()).isEqualTo(Codec.PCMA);
    assertThat(answer.remote().rtp().getPort()).isEqualTo(4000);
    assertThat(answer.remote().telephoneEvents()).isFalse();
    assertThat(answer.sdp()).contains("m=audio 10002 RTP/AVP 8\r\n").contains("a=sendrecv");
    assertThat(answer.sdp()).doesNotContain("telephone-event");
  }

  @Test
  void choosesTheOfferersFirstCodecAndKeepsItsTelephoneEventType() throws MediaException {
    SdpNegotiator.Answer answer =
        sdp.answer(
            TestPeer.sdp(
                4000,
                "198.51.100.7",
                "18 8 0 96",
                "rtpmap:18 G729/8000",
                "rtpmap:96 TELEPHONE-EVENT/8000",
                "fmtp:96 0-15"));
    assertThat(answer.remote().codec()).isEqualTo(Codec.PCMA);
    assertThat(answer.remote().eventPayloadType()).isEqualTo(96);
    assertThat(answer.sdp())
        .contains("m=audio 10002 RTP/AVP 8 96\r\n")
        .contains("a=rtpmap:96 telephone-event/8000")
        .contains("a=fmtp:96 0-16");
  }

  @Test
  void recognisesCodecsByRtpmapNameWhateverTheCase() throws MediaException {
    SdpNegotiator.Answer answer =
        sdp.answer(TestPeer.sdp(4000, "198.51.100.7", "110", "rtpmap:110 pcmu/8000"));
    assertThat(answer.remote().codec()).isEqualTo(Codec.PCMU);
    assertThat(answer.remote().payloadType()).isEqualTo(110);
    assertThat(answer.sdp()).contains("m=audio 10002 RTP/AVP 110\r\n");
  }

  @Test
  void refusesAnOfferWithoutACommonCodec() {
    assertThatThrownBy(
            () -> sdp.answer(TestPeer.sdp(4000, "198.51.100.7", "18", "rtpmap:18 G729/8000")))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("no common codec");
  }

  @Test
  void refusesWhatIsNotSdpOrHasNoAudio() {
    assertThatThrownBy(() -> sdp.answer("")).isInstanceOf(MediaException.class);
    assertThatThrownBy(() -> sdp.answer("garbage")).isInstanceOf(MediaException.class);
    String video =
        "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\nm=video 5000 RTP/AVP 96\r\n";
    assertThatThrownBy(() -> sdp.answer(video))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("no RTP/AVP audio");
    assertThatThrownBy(() -> sdp.answer(TestPeer.sdp(4000, "phone.example.com", "0")))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("IP address");
  }

  @Test
  void rejectsOtherStreamsWithPortZero() throws MediaException {
    String offer =
        "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\n"
            + "m=video 5000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
            + "m=audio 5002 RTP/AVP 0\r\n";
    String answer = sdp.answer(offer).sdp();
    assertThat(answer).contains("m=video 0 RTP/AVP 96\r\n").contains("m=audio 10002 RTP/AVP 0\r\n");
    assertThat(answer.indexOf("m=video")).isLessThan(answer.indexOf("m=audio"));
  }

  @Test
  void answersAHoldWithRecvonly() throws MediaException {
    SdpNegotiator.Answer answer =
        sdp.answer(
            TestPeer.sdp(
                4000, "198.51.100.7", "0 101", "rtpmap:101 telephone-event/8000", "sendonly"));
    assertThat(answer.sdp()).contains("a=recvonly").doesNotContain("a=sendrecv");
    assertThat(answer.remote().remoteDirection()).isEqualTo(Direction.SENDONLY);
    assertThat(answer.remote().sends()).isFalse();
    assertThat(answer.remote().receives()).isTrue();
  }

  @Test
  void treatsConnectionZeroAsAnOldStyleHold() throws MediaException {
    SdpNegotiator.Answer answer = sdp.answer(TestPeer.sdp(4000, "0.0.0.0", "0"));
    assertThat(answer.remote().remoteDirection().holds()).isTrue();
    assertThat(answer.remote().rtp()).isNull();
    assertThat(answer.remote().sends()).isFalse();
    assertThat(answer.sdp()).contains("a=recvonly");
  }

  @Test
  void acceptsAnAnswerToOurOffer() throws MediaException {
    assertThatThrownBy(() -> sdp.accept(TestPeer.sdp(4000, "198.51.100.7", "8")))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("no offer");
    sdp.offer(Direction.SENDRECV);
    RemoteMedia m =
        sdp.accept(
            TestPeer.sdp(
                4000, "198.51.100.7", "8 101", "rtpmap:101 telephone-event/8000", "ptime:30"));
    assertThat(m.codec()).isEqualTo(Codec.PCMA);
    assertThat(m.eventPayloadType()).isEqualTo(101);
    assertThat(m.ptime()).isEqualTo(30);
    assertThat(m.localDirection()).isEqualTo(Direction.SENDRECV);
    assertThatThrownBy(() -> sdp.accept(TestPeer.sdp(4000, "198.51.100.7", "18")))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("no codec we offered");
    assertThatThrownBy(() -> sdp.accept(TestPeer.sdp(0, "198.51.100.7", "0")))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("rejected");
  }

  private static String origin(String sdp) {
    return sdp.lines().filter(l -> l.startsWith("o=")).findFirst().orElseThrow();
  }

  private static long version(String origin) {
    return Long.parseLong(origin.split(" ")[2]);
  }

  private static String sessionId(String origin) {
    return origin.split(" ")[1];
  }
}
