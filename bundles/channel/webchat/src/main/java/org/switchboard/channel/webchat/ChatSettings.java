package org.switchboard.channel.webchat;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.switchboard.core.api.ValidationException;
import org.switchboard.platform.web.ContentCheck;

/**
 * The channel's configuration, checked: a wrong value fails activation with the property named,
 * never a chat at run time.
 *
 * @param entries entry point to queue
 * @param allowedOrigins origins whose pages may call the HTTP endpoints ({@code *} = any)
 */
record ChatSettings(
    Map<String, String> entries,
    Set<String> allowedOrigins,
    int maxMessageChars,
    int messagesPerMinute,
    Duration reconnectGrace,
    long attachmentMaxBytes,
    Set<String> attachmentTypes,
    int maxSessions) {

  static ChatSettings of(WebChatConfig c) {
    return new ChatSettings(
        entries(c.entries()),
        origins(c.allowedOrigins()),
        between("maxMessageChars", c.maxMessageChars(), 1, 8000),
        between("messagesPerMinute", c.messagesPerMinute(), 1, 10_000),
        grace(c.reconnectGrace()),
        attachmentLimit(c.attachmentMaxBytes()),
        types(c.attachmentTypes()),
        between("maxSessions", c.maxSessions(), 1, 1_000_000));
  }

  /** Defaults, for tests. */
  static ChatSettings defaults() {
    return new ChatSettings(
        Map.of("web", "support"),
        Set.of(),
        2000,
        60,
        Duration.ofMinutes(2),
        5L * 1024 * 1024,
        Set.of("image/png", "image/jpeg", "application/pdf", "text/plain"),
        20_000);
  }

  ChatSettings withGrace(Duration grace) {
    return new ChatSettings(
        entries,
        allowedOrigins,
        maxMessageChars,
        messagesPerMinute,
        grace,
        attachmentMaxBytes,
        attachmentTypes,
        maxSessions);
  }

  boolean allows(String origin) {
    return origin != null && (allowedOrigins.contains("*") || allowedOrigins.contains(origin));
  }

  private static Map<String, String> entries(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      String[] kv = pair.split("=", 2);
      if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
        throw new ValidationException(
            "entries", "expected entry=queue, got '" + pair.strip() + "'");
      }
      out.put(kv[0].strip(), kv[1].strip());
    }
    if (out.isEmpty()) {
      throw new ValidationException("entries", "at least one entry=queue is needed");
    }
    return Map.copyOf(out);
  }

  private static Set<String> origins(String text) {
    return java.util.Arrays.stream(text.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
        .collect(Collectors.toUnmodifiableSet());
  }

  private static long attachmentLimit(long bytes) {
    if (bytes < 0 || bytes > org.switchboard.core.api.conversation.AttachmentStore.MAX_BYTES) {
      throw new ValidationException(
          "attachmentMaxBytes",
          "must be 0-"
              + org.switchboard.core.api.conversation.AttachmentStore.MAX_BYTES
              + ", got "
              + bytes);
    }
    return bytes;
  }

  private static Set<String> types(String text) {
    Set<String> out =
        java.util.Arrays.stream(text.split(","))
            .map(s -> s.strip().toLowerCase(java.util.Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    for (String t : out) {
      if (!ContentCheck.KNOWN.contains(t)) {
        throw new ValidationException(
            "attachmentTypes", "'" + t + "' cannot be checked; use some of " + ContentCheck.KNOWN);
      }
    }
    return out;
  }

  private static Duration grace(String text) {
    try {
      Duration d = Duration.parse(text);
      if (d.isNegative() || d.isZero()) {
        throw new ValidationException("reconnectGrace", "must be positive, got " + text);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new ValidationException("reconnectGrace", "not an ISO-8601 duration: " + text);
    }
  }

  private static int between(String field, int v, int min, int max) {
    if (v < min || v > max) {
      throw new ValidationException(field, "must be " + min + "-" + max + ", got " + v);
    }
    return v;
  }
}
