package org.switchboard.integration.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.api.ConfigValues;

/**
 * One configured webhook: the selected core events, as the CloudEvents JSON they are on the broker,
 * POSTed with {@code ce-id} and {@code ce-type} headers (receivers deduplicate by {@code ce-id}:
 * delivery is at least once) and signed when a secret is set. A configuration with a mistake is
 * logged with the setting at fault and delivers nothing.
 */
@Component(
    service = {},
    configurationPid = "org.switchboard.integration.webhook",
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WebhookConfig.class, factory = true)
public class Webhooks {
  private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Deliveries deliveries;
  private Delivery delivery;

  @Activate
  public Webhooks(@Reference Deliveries deliveries, WebhookConfig c) {
    this.deliveries = deliveries;
    try {
      Delivery d = delivery(c);
      deliveries.start(d, Webhooks::cloudEvent, null);
      this.delivery = d;
    } catch (Exception e) {
      LOG.error("webhook '{}' not started: {}", c.name(), e.getMessage());
    }
  }

  @Deactivate
  void deactivate() {
    if (delivery != null) {
      deliveries.stop(delivery);
    }
  }

  static Delivery delivery(WebhookConfig c) {
    return new Delivery(
        "webhook",
        c.name() == null ? null : c.name().strip(),
        URI.create(c.url() == null ? "" : c.url().strip()),
        c.authorization(),
        c.secret(),
        ConfigValues.list(c.types()),
        Duration.ofMillis(Math.max(1, c.timeout())),
        c.maxAttempts(),
        Duration.ofMillis(Math.max(1, c.firstRetry())),
        Duration.ofMillis(Math.max(1, c.maxRetry())));
  }

  /** The event as it is, with its id and type as headers. */
  static Optional<Outgoing> cloudEvent(String event) throws Exception {
    JsonNode e = JSON.readTree(event);
    return Optional.of(
        new Outgoing(
            event,
            Map.of(
                "Content-Type", "application/cloudevents+json",
                "ce-id", e.path("id").asText(),
                "ce-type", e.path("type").asText(),
                "ce-specversion", e.path("specversion").asText("1.0"))));
  }
}
