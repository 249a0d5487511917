package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutboundTrunkTest {
  private static final SipMessages SIP = new SipMessages();
  private static final NumberPlan DE = new NumberPlan("DE", List.of());

  private static OutboundTrunk trunk(String uri, String... prefixes) {
    return new OutboundTrunk(uri, "+4930999000", 25, List.of(prefixes), DE);
  }

  @Test
  void numbersAreNormalisedToE164AndPutIntoTheTrunksUri() throws Exception {
    OutboundTrunk t = trunk("sip:sbc.example.net:5070;transport=tcp");
    assertThat(t.check("030 1234567")).isEqualTo(new OutboundTrunk.Dialable("+49301234567"));
    String uri = t.target(SIP, "+49301234567").toString();
    assertThat(uri)
        .startsWith("sip:+49301234567@sbc.example.net:5070")
        .contains("transport=tcp")
        .contains("user=phone");
    assertThat(t.target(SIP, "100").toString()).doesNotContain("user=phone");
    assertThat(t.target(SIP, "+4930111").toString())
        .as("each dial starts from the configured URI")
        .startsWith("sip:+4930111@sbc.example.net:5070");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "agent1@example.com | invalid-number",
        "*21#               | invalid-number",
        "''                 | invalid-number",
        "+1 212 555 0100    | number-not-allowed",
        "+49 900 1234567    | number-not-allowed",
      })
  void numbersThatAreNoneOrNotAllowedAreRefused(String typed, String outcome) {
    OutboundTrunk t = trunk("sip:127.0.0.1:5080", "+4930", "+4989");
    assertThat(t.check(typed))
        .isInstanceOfSatisfying(
            OutboundTrunk.Refused.class, r -> assertThat(r.outcome()).isEqualTo(outcome));
    assertThat(t.check("+49 89 4711 0")).isInstanceOf(OutboundTrunk.Dialable.class);
  }

  @Test
  void withoutATrunkNothingIsDialledAndBadTrunkUrisAreReported() {
    assertThat(trunk("").check("+4930123"))
        .isInstanceOfSatisfying(
            OutboundTrunk.Refused.class,
            r -> assertThat(r.outcome()).isEqualTo("no-outbound-trunk"));
    assertThat(OutboundTrunk.problem(SIP, "")).isNull();
    assertThat(OutboundTrunk.problem(SIP, "sip:sbc.example.net;transport=tls")).isNull();
    assertThat(OutboundTrunk.problem(SIP, "tel:+4930123")).contains("sip:");
    assertThat(OutboundTrunk.problem(SIP, "sip:@@")).contains("not a SIP URI");
  }

  @Test
  void credentialsAreForTheTrunksHostAndNeverPrinted() {
    OutboundTrunk plain = trunk("sip:sbc.example.net:5070;transport=tcp");
    assertThat(plain.credentials()).isNull();
    assertThat(plain.withCredentials(" ", "x").credentials()).isNull();
    OutboundTrunk withAuth = plain.withCredentials(" switchboard ", "s3cret");
    assertThat(withAuth.credentials().getUserName()).isEqualTo("switchboard");
    assertThat(withAuth.credentials().getPassword()).isEqualTo("s3cret");
    assertThat(withAuth.credentials().getSipDomain()).isEqualTo("sbc.example.net");
    assertThat(withAuth.credentials().toString()).doesNotContain("s3cret");
    assertThat(withAuth.check("030 1234567")).isEqualTo(plain.check("030 1234567"));
  }

  @Test
  void ringTimeIsKeptWithinWhatTheAgentsPhoneWaits() {
    assertThat(new OutboundTrunk("sip:x", "", 300, List.of(), DE).ringTime().toSeconds())
        .isEqualTo(OutboundTrunk.MAX_RING_SECONDS);
    assertThat(new OutboundTrunk("sip:x", "", 0, List.of(), DE).ringTime().toSeconds())
        .isEqualTo(5);
    assertThat(new OutboundTrunk("sip:x", " ", 20, List.of(), DE).callerId())
        .isEqualTo("anonymous");
  }

  @ParameterizedTest
  @CsvSource({
    "486, busy", "600, busy", "480, no-answer", "487, no-answer", "404, invalid-number",
    "484, invalid-number", "603, rejected", "403, rejected", "503, failed", "500, failed"
  })
  void sipStatusesBecomeDialOutcomes(int status, String outcome) {
    assertThat(Dialer.outcome(status)).isEqualTo(outcome);
  }
}
