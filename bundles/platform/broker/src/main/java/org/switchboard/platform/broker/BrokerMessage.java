package org.switchboard.platform.broker;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message to publish: a body, its content type and string properties that consumers can filter on
 * (broker-side selectors, AMQP application properties).
 *
 * <p>The body travels as raw bytes (a core BYTES message, an AMQP data section, an MQTT payload);
 * the content type is set as the AMQP {@code content-type} and as the property {@code contentType}.
 *
 * @param body the payload; copied, never null
 * @param contentType MIME type of the body, e.g. {@code application/cloudevents+json}
 * @param properties string properties; names must be valid Java identifiers for selectors
 */
public record BrokerMessage(byte[] body, String contentType, Map<String, String> properties) {

  public BrokerMessage {
    if (body == null) {
      throw new IllegalArgumentException("body is required");
    }
    if (contentType == null || contentType.isBlank()) {
      throw new IllegalArgumentException("contentType is required");
    }
    body = body.clone();
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }

  /** A UTF-8 text message. */
  public static BrokerMessage text(String body, String contentType) {
    return new BrokerMessage(body.getBytes(StandardCharsets.UTF_8), contentType, Map.of());
  }

  /** A copy with one more property. */
  public BrokerMessage withProperty(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(properties);
    copy.put(name, value);
    return new BrokerMessage(body, contentType, copy);
  }

  /** The body (a copy). */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body decoded as UTF-8. */
  public String bodyAsText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
