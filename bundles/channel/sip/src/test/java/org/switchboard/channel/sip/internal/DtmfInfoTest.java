package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

class DtmfInfoTest {
  private static final SipMessages SIP = new SipMessages();

  private static Request info(String type, String subType, String body) throws Exception {
    Request r =
        SIP.messages.createRequest(
            SIP.addresses.createURI("sip:agent1@127.0.0.1"),
            Request.INFO,
            SIP.headers.createCallIdHeader("c1"),
            (CSeqHeader) SIP.headers.createCSeqHeader(2L, Request.INFO),
            SIP.headers.createFromHeader(SIP.addresses.createAddress("sip:a@127.0.0.1"), "t1"),
            SIP.headers.createToHeader(SIP.addresses.createAddress("sip:b@127.0.0.1"), "t2"),
            List.of(SIP.headers.createViaHeader("127.0.0.1", 5070, "udp", "z9hG4bK1")),
            SIP.headers.createMaxForwardsHeader(70));
    if (body != null) {
      r.setContent(
          body.getBytes(StandardCharsets.UTF_8),
          SIP.headers.createContentTypeHeader(type, subType));
    }
    return r;
  }

  @Test
  void dtmfRelayNamesTheDigitInItsSignalLine() throws Exception {
    assertThat(DtmfInfo.digit(info("application", "dtmf-relay", "Signal=5\r\nDuration=160\r\n")))
        .contains('5');
    assertThat(DtmfInfo.digit(info("application", "dtmf-relay", "Signal= #\nDuration=100")))
        .contains('#');
    assertThat(DtmfInfo.digit(info("Application", "DTMF-Relay", "signal=*"))).contains('*');
  }

  @Test
  void eventCodesTenAndElevenAreStarAndPound() throws Exception {
    assertThat(DtmfInfo.digit(info("application", "dtmf-relay", "Signal=10"))).contains('*');
    assertThat(DtmfInfo.digit(info("application", "dtmf-relay", "Signal=11"))).contains('#');
  }

  @Test
  void applicationDtmfIsTheDigitAlone() throws Exception {
    assertThat(DtmfInfo.digit(info("application", "dtmf", "7\r\n"))).contains('7');
    assertThat(DtmfInfo.digit(info("application", "dtmf", "d"))).contains('D');
  }

  @Test
  void anythingElseIsNoDigit() throws Exception {
    assertThat(DtmfInfo.digit(info("application", "dtmf-relay", "Signal=12"))).isEmpty();
    assertThat(DtmfInfo.digit(info("application", "dtmf-relay", "Duration=160"))).isEmpty();
    assertThat(DtmfInfo.digit(info("application", "dtmf", "55"))).isEmpty();
    assertThat(DtmfInfo.digit(info("application", "media_control+xml", "<x/>"))).isEmpty();
    assertThat(DtmfInfo.digit(info("text", "plain", "5"))).isEmpty();
    assertThat(DtmfInfo.digit(info(null, null, null))).isEmpty();
  }
}
