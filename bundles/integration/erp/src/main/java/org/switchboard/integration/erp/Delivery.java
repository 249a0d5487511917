package org.switchboard.integration.erp;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where and how one integration sends what it takes from the core's events: the target, the
 * credentials, the event types it subscribes to, and the retry policy before a message goes to its
 * dead-letter queue.
 *
 * @param kind {@code webhook} or {@code tickets}: part of the broker names
 * @param name letters, digits and dashes; the integration's name in logs, shell and broker
 * @param url the http(s) URL the messages are POSTed to
 * @param authorization sent as the Authorization header, empty for none
 * @param secret HMAC-SHA256 key for the signature header, empty for none
 * @param types event types subscribed to; {@code org.switchboard.interaction.*} takes a prefix
 * @param timeout longest wait for one HTTP answer
 * @param maxAttempts attempts before dead-lettering (1 = no retry)
 * @param firstRetry pause before the first retry; it doubles up to {@code maxRetry}
 * @param maxRetry longest pause between attempts
 */
record Delivery(
    String kind,
    String name,
    URI url,
    String authorization,
    String secret,
    List<String> types,
    Duration timeout,
    int maxAttempts,
    Duration firstRetry,
    Duration maxRetry) {

  Delivery {
    if (name == null || !name.matches("[a-z][a-z0-9-]{0,31}")) {
      throw new IllegalArgumentException(
          "name: 1-32 lower-case letters, digits or dashes starting with a letter, got '"
              + name
              + "'");
    }
    if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
      throw new IllegalArgumentException(
          "url: an http or https URL is required, got '" + url + "'");
    }
    types = List.copyOf(types);
    if (types.isEmpty()) {
      throw new IllegalArgumentException("types: at least one event type is required");
    }
    for (String t : types) {
      if (!t.matches("[a-z0-9.-]+\\*?")) {
        throw new IllegalArgumentException(
            "types: '" + t + "' is no event type (e.g. org.switchboard.interaction.completed)");
      }
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts: at least 1");
    }
    authorization = authorization == null ? "" : authorization.strip();
    secret = secret == null ? "" : secret;
  }

  /** The JMS selector on the events' {@code ce_type} property. */
  String selector() {
    return types.stream()
        .map(
            t ->
                t.endsWith("*")
                    ? "ce_type LIKE '" + t.substring(0, t.length() - 1) + "%'"
                    : "ce_type = '" + t + "'")
        .collect(Collectors.joining(" OR "));
  }

  /** The durable subscription's client id on the broker. */
  String clientId() {
    return "switchboard-" + kind + "-" + name;
  }

  /** Where messages go that failed every attempt. */
  String deadLetterQueue() {
    return "switchboard." + kind + "." + name + ".dlq";
  }

  /** The internal endpoint that delivers one message (with retries). */
  String deliverEndpoint() {
    return "direct:deliver-" + kind + "-" + name;
  }

  /** Ids of the routes of this delivery. */
  List<String> routeIds() {
    return List.of(kind + "-" + name + "-in", kind + "-" + name + "-deliver");
  }
}
