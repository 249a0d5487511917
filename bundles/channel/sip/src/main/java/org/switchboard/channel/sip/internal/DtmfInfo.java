package org.switchboard.channel.sip.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;

/**
 * DTMF carried in SIP INFO, as phones and trunks without RFC 4733 send it: {@code
 * application/dtmf-relay} ({@code Signal=5}, the common form) or {@code application/dtmf} (the
 * digit alone).
 */
final class DtmfInfo {
  private static final String DIGITS = "0123456789*#ABCD";

  private DtmfInfo() {}

  /** The digit an INFO carries; empty for any other INFO or a body that names no digit. */
  static Optional<Character> digit(Request info) {
    ContentTypeHeader type = (ContentTypeHeader) info.getHeader(ContentTypeHeader.NAME);
    byte[] body = info.getRawContent();
    if (type == null || body == null || !"application".equalsIgnoreCase(type.getContentType())) {
      return Optional.empty();
    }
    String text = new String(body, StandardCharsets.UTF_8);
    String sub = type.getContentSubType().toLowerCase(Locale.ROOT);
    if ("dtmf".equals(sub)) {
      return single(text.strip());
    }
    if (!"dtmf-relay".equals(sub)) {
      return Optional.empty();
    }
    for (String line : text.split("\r?\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && "signal".equalsIgnoreCase(line.substring(0, eq).strip())) {
        return single(line.substring(eq + 1).strip());
      }
    }
    return Optional.empty();
  }

  /** One digit; some phones write * and # as the event codes 10 and 11 (as in RFC 4733). */
  private static Optional<Character> single(String value) {
    if ("10".equals(value) || "11".equals(value)) {
      return Optional.of(value.equals("10") ? '*' : '#');
    }
    if (value.length() != 1) {
      return Optional.empty();
    }
    char d = Character.toUpperCase(value.charAt(0));
    return DIGITS.indexOf(d) >= 0 ? Optional.of(d) : Optional.empty();
  }
}
