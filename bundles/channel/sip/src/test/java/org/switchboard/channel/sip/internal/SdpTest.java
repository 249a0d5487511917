package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SdpTest {
  private static byte[] sdp(String... extra) {
    StringBuilder b =
        new StringBuilder(
            "v=0\r\no=agent 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n");
    for (String line : extra) {
      b.append(line).append("\r\n");
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void streamDirectionDecides() {
    assertThat(Sdp.direction(sdp("m=audio 4000 RTP/AVP 0", "a=sendonly")))
        .isEqualTo(Sdp.Direction.SENDONLY);
    assertThat(Sdp.direction(sdp("m=audio 4000 RTP/AVP 0", "a=inactive")).holds()).isTrue();
    assertThat(Sdp.direction(sdp("m=audio 4000 RTP/AVP 0", "a=sendrecv")).holds()).isFalse();
    assertThat(Sdp.direction(sdp("m=audio 4000 RTP/AVP 0", "a=recvonly")).holds()).isFalse();
  }

  @Test
  void sessionLevelDirectionAppliesWhenTheStreamHasNone() {
    assertThat(Sdp.direction(sdp("a=sendonly", "m=audio 4000 RTP/AVP 0")))
        .isEqualTo(Sdp.Direction.SENDONLY);
    assertThat(Sdp.direction(sdp("a=sendonly", "m=audio 4000 RTP/AVP 0", "a=sendrecv")))
        .isEqualTo(Sdp.Direction.SENDRECV);
  }

  @Test
  void oldStyleHoldWithTheNullAddress() {
    byte[] body =
        "v=0\r\no=a 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(Sdp.direction(body).holds()).isTrue();
  }

  @Test
  void noBodyOrGarbageIsNoHold() {
    assertThat(Sdp.direction(null)).isEqualTo(Sdp.Direction.SENDRECV);
    assertThat(Sdp.direction(new byte[0])).isEqualTo(Sdp.Direction.SENDRECV);
    assertThat(Sdp.direction("not sdp at all\r\n\u0000\u0001".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Sdp.Direction.SENDRECV);
    assertThat(Sdp.direction(sdp("m=audio x RTP/AVP", "a=sendonly"))).isNotNull();
  }
}
