package org.switchboard.platform.web;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Whether a file's first bytes match the type its sender declared, so that a script renamed to
 * {@code photo.png} is refused. Covers the types people typically send in a conversation; every
 * upload a browser makes (a customer's in the chat, an agent's in the desktop) goes through it.
 */
public final class ContentCheck {
  /** The types this check knows; only these may be allowed. */
  public static final Set<String> KNOWN =
      Set.of("image/png", "image/jpeg", "image/gif", "application/pdf", "text/plain");

  /** How many leading bytes the check reads. */
  public static final int PREFIX = 8 * 1024;

  private ContentCheck() {}

  /**
   * Whether the first {@code length} bytes of {@code prefix} (up to {@link #PREFIX}) are a file of
   * {@code type}; false for types not in {@link #KNOWN}.
   */
  public static boolean matches(String type, byte[] prefix, int length) {
    byte[] head = Arrays.copyOf(prefix, length);
    return switch (type) {
      case "image/png" -> starts(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
      case "image/jpeg" -> starts(head, 0xFF, 0xD8, 0xFF);
      case "image/gif" -> starts(head, 'G', 'I', 'F', '8');
      case "application/pdf" -> starts(head, '%', 'P', 'D', 'F', '-');
      case "text/plain" -> length > 0 && text(head);
      default -> false;
    };
  }

  private static boolean starts(byte[] head, int... magic) {
    if (head.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((head[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** UTF-8 without NUL bytes (a sequence cut at the end of the prefix is fine). */
  private static boolean text(byte[] head) {
    for (byte b : head) {
      if (b == 0) {
        return false;
      }
    }
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CoderResult r = utf8.decode(ByteBuffer.wrap(head), CharBuffer.allocate(head.length), false);
    return !r.isError();
  }
}
