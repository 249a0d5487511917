package org.switchboard.channel.sip.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP digest authentication as SIP uses it (RFC 3261 section 22, RFC 7616 computations, RFC 8760
 * algorithms MD5 and SHA-256), with {@code qop=auth} only. Nonces carry their issue time and an
 * HMAC so they need no storage to verify; each is accepted once (a bounded set of used nonces) and
 * only for a short lifetime, which stops replay and offline brute force against one challenge.
 */
final class Digest {
  /** The algorithms we support. */
  enum Algorithm {
    SHA_256("SHA-256", "SHA-256"),
    MD5("MD5", "MD5");

    final String token;
    private final String jca;

    Algorithm(String token, String jca) {
      this.token = token;
      this.jca = jca;
    }

    String hash(String s) {
      try {
        MessageDigest d = MessageDigest.getInstance(jca);
        return HexFormat.of().formatHex(d.digest(s.getBytes(StandardCharsets.UTF_8)));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(jca + " unavailable", e);
      }
    }

    static Algorithm of(String token) {
      if (token == null || token.isEmpty() || token.equalsIgnoreCase("MD5")) {
        return MD5;
      }
      return token.equalsIgnoreCase("SHA-256") ? SHA_256 : null;
    }
  }

  /** What a client sent in its Authorization header. */
  record Answer(
      String username,
      String realm,
      String nonce,
      String uri,
      String response,
      String algorithm,
      String qop,
      String nc,
      String cnonce) {}

  /** Outcome of checking an answer. */
  enum Verdict {
    OK,
    /**
     * The nonce is used, too old or not ours: challenge again with stale=true. Decided before the
     * password is looked at, so it reveals nothing about it.
     */
    STALE,
    WRONG
  }

  private static final int NONCE_BYTES = 8 + 16 + 16;
  private final byte[] key = new byte[32];
  private final SecureRandom random = new SecureRandom();
  private final Duration lifetime;
  private final Clock clock;
  private final Map<String, Instant> used;

  Digest(Duration lifetime, Clock clock, int maxRemembered) {
    this.lifetime = lifetime;
    this.clock = clock;
    random.nextBytes(key);
    this.used =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > maxRemembered;
          }
        };
  }

  /** HA1 = H(username:realm:password), what the credential store keeps instead of the password. */
  static String ha1(Algorithm a, String username, String realm, String password) {
    return a.hash(username + ":" + realm + ":" + password);
  }

  /** A fresh nonce: issue time, randomness and an HMAC over both. */
  String nonce() {
    ByteBuffer b = ByteBuffer.allocate(NONCE_BYTES);
    b.putLong(clock.millis());
    byte[] r = new byte[16];
    random.nextBytes(r);
    b.put(r);
    b.put(mac(b.array(), 24), 0, 16);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /**
   * Checks an answer against the stored HA1 of its algorithm. The nonce must be ours, fresh and
   * unused; a correct answer consumes it.
   *
   * @param storedHa1 the user's HA1 for the answer's algorithm, or null for an unknown user (the
   *     work done is the same, so timing does not reveal which users exist)
   */
  synchronized Verdict check(Answer a, String method, String storedHa1) {
    Algorithm alg = Algorithm.of(a.algorithm());
    if (alg == null || !"auth".equals(a.qop()) || a.cnonce() == null || a.nc() == null) {
      return Verdict.WRONG;
    }
    // The nonce first, whatever the password: a used or old nonce must not tell a right guess
    // from a wrong one (scanners replay one challenge for a whole dictionary).
    if (a.nonce() == null || !fresh(a.nonce()) || used.containsKey(a.nonce())) {
      return Verdict.STALE;
    }
    String ha1 = storedHa1 == null ? alg.hash("unknown:" + a.username()) : storedHa1;
    String ha2 = alg.hash(method + ":" + a.uri());
    String expected =
        alg.hash(ha1 + ":" + a.nonce() + ":" + a.nc() + ":" + a.cnonce() + ":auth:" + ha2);
    boolean matches =
        MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            String.valueOf(a.response()).toLowerCase().getBytes(StandardCharsets.US_ASCII));
    used.put(a.nonce(), clock.instant());
    return matches && storedHa1 != null ? Verdict.OK : Verdict.WRONG;
  }

  private boolean fresh(String nonce) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(nonce);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (raw.length != NONCE_BYTES) {
      return false;
    }
    byte[] sig = mac(raw, 24);
    byte[] given = new byte[16];
    System.arraycopy(raw, 24, given, 0, 16);
    byte[] want = new byte[16];
    System.arraycopy(sig, 0, want, 0, 16);
    if (!MessageDigest.isEqual(given, want)) {
      return false;
    }
    long issued = ByteBuffer.wrap(raw).getLong();
    long age = clock.millis() - issued;
    return age >= 0 && age <= lifetime.toMillis();
  }

  private byte[] mac(byte[] data, int length) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      m.update(data, 0, length);
      return m.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
