package org.switchboard.integration.erp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of an outbound request: {@code X-Switchboard-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<body>">}. The receiver recomputes it with the shared secret and refuses a
 * request whose timestamp is old, so a captured request cannot be replayed later.
 */
final class Signature {
  static final String HEADER = "X-Switchboard-Signature";

  private Signature() {}

  static String sign(String secret, long unixSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
