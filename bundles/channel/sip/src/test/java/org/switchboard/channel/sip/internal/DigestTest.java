package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DigestTest {
  private static final String REALM = "switchboard";

  /** RFC 2617 section 3.5: HA1 of Mufasa in testrealm@host.com. */
  @Test
  void ha1MatchesTheRfcExample() {
    assertThat(Digest.ha1(Digest.Algorithm.MD5, "Mufasa", "testrealm@host.com", "Circle Of Life"))
        .isEqualTo("939e7578ed9e3c518a452acee763bce9");
  }

  /** RFC 7616 section 3.9.1: the SHA-256 response for Mufasa. */
  @Test
  void sha256ResponseMatchesRfc7616() {
    Digest.Algorithm a = Digest.Algorithm.SHA_256;
    String ha1 = Digest.ha1(a, "Mufasa", "http-auth@example.org", "Circle of Life");
    String ha2 = a.hash("GET:/dir/index.html");
    String response =
        a.hash(
            ha1
                + ":7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v:00000001:"
                + "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ:auth:"
                + ha2);
    assertThat(response)
        .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
  }

  @Test
  void aNonceIsAcceptedOnceAndOnlyWhileFresh() {
    MutableClock clock = new MutableClock();
    Digest d = new Digest(Duration.ofSeconds(30), clock, 1000);
    String ha1 = Digest.ha1(Digest.Algorithm.MD5, "ann", REALM, "pw-123456");
    String nonce = d.nonce();
    Digest.Answer right = answer(nonce, ha1, "MD5");
    assertThat(d.check(right, "REGISTER", ha1)).isEqualTo(Digest.Verdict.OK);
    assertThat(d.check(right, "REGISTER", ha1)).isEqualTo(Digest.Verdict.STALE);

    String old = d.nonce();
    clock.now = clock.now.plusSeconds(31);
    assertThat(d.check(answer(old, ha1, "MD5"), "REGISTER", ha1)).isEqualTo(Digest.Verdict.STALE);
    String forged = old.substring(0, old.length() - 2) + (old.endsWith("AA") ? "BB" : "AA");
    assertThat(d.check(answer(forged, ha1, "MD5"), "REGISTER", ha1))
        .isEqualTo(Digest.Verdict.STALE);
  }

  @Test
  void aReplayedNonceRevealsNothingAboutThePassword() {
    Digest d = new Digest(Duration.ofSeconds(30), Clock.systemUTC(), 1000);
    String ha1 = Digest.ha1(Digest.Algorithm.MD5, "ann", REALM, "pw-123456");
    String nonce = d.nonce();
    String guess = Digest.ha1(Digest.Algorithm.MD5, "ann", REALM, "guess");
    assertThat(d.check(answer(nonce, guess, "MD5"), "REGISTER", ha1))
        .isEqualTo(Digest.Verdict.WRONG);
    // The same nonce again: right and wrong passwords get the same answer.
    assertThat(d.check(answer(nonce, ha1, "MD5"), "REGISTER", ha1)).isEqualTo(Digest.Verdict.STALE);
    assertThat(d.check(answer(nonce, guess, "MD5"), "REGISTER", ha1))
        .isEqualTo(Digest.Verdict.STALE);
  }

  @Test
  void wrongPasswordsUnknownUsersAndBadParametersAreWrong() {
    Digest d = new Digest(Duration.ofSeconds(30), Clock.systemUTC(), 1000);
    String ha1 = Digest.ha1(Digest.Algorithm.MD5, "ann", REALM, "pw-123456");
    String other = Digest.ha1(Digest.Algorithm.MD5, "ann", REALM, "guess");
    assertThat(d.check(answer(d.nonce(), other, "MD5"), "REGISTER", ha1))
        .isEqualTo(Digest.Verdict.WRONG);
    assertThat(d.check(answer(d.nonce(), ha1, "MD5"), "REGISTER", null))
        .isEqualTo(Digest.Verdict.WRONG);
    String nonce = d.nonce();
    assertThat(d.check(answer(nonce, ha1, "SHA-512"), "REGISTER", ha1))
        .isEqualTo(Digest.Verdict.WRONG);
    Digest.Answer noQop =
        new Digest.Answer("ann", REALM, nonce, "sip:x", "00", "MD5", null, null, null);
    assertThat(d.check(noQop, "REGISTER", ha1)).isEqualTo(Digest.Verdict.WRONG);
  }

  private static Digest.Answer answer(String nonce, String ha1, String algorithm) {
    Digest.Algorithm a = Digest.Algorithm.of(algorithm);
    String response =
        a == null
            ? "x"
            : a.hash(ha1 + ":" + nonce + ":00000001:abc:auth:" + a.hash("REGISTER:sip:127.0.0.1"));
    return new Digest.Answer(
        "ann", REALM, nonce, "sip:127.0.0.1", response, algorithm, "auth", "00000001", "abc");
  }

  private static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
