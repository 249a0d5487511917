package org.switchboard.channel.webchat;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.switchboard.core.api.ValidationException;

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
    int maxSessions) {

  static ChatSettings of(WebChatConfig c) {
    return new ChatSettings(
        entries(c.entries()),
        origins(c.allowedOrigins()),
        between("maxMessageChars", c.maxMessageChars(), 1, 8000),
        between("messagesPerMinute", c.messagesPerMinute(), 1, 10_000),
        grace(c.reconnectGrace()),
        between("maxSessions", c.maxSessions(), 1, 1_000_000));
  }

  /** Defaults, for tests. */
  static ChatSettings defaults() {
    return new ChatSettings(
        Map.of("web", "support"), Set.of(), 2000, 60, Duration.ofMinutes(2), 20_000);
  }

  ChatSettings withGrace(Duration grace) {
    return new ChatSettings(
        entries, allowedOrigins, maxMessageChars, messagesPerMinute, grace, maxSessions);
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
