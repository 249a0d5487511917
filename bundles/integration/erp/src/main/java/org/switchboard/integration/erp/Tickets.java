package org.switchboard.integration.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.api.ConfigValues;
import org.switchboard.core.api.event.EventTypes;
import org.switchboard.platform.db.SchemaMigrations;

/**
 * Opens a ticket in the order system for every interaction that closes with one of the configured
 * dispositions ({@code complaint} by default). Exactly one per interaction: the interaction id is
 * the request's {@code Idempotency-Key} and is recorded in the database once the order system
 * accepted the ticket, so an event delivered twice, or replayed from the dead-letter queue, does
 * not open a second one.
 */
@Component(
    service = {},
    configurationPid = "org.switchboard.integration.tickets",
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TicketConfig.class)
public class Tickets {
  private static final Logger LOG = LoggerFactory.getLogger(Tickets.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String NAME = "orders";

  private final Deliveries deliveries;
  private Delivery delivery;

  @Activate
  public Tickets(
      @Reference Deliveries deliveries,
      @Reference(target = "(dataSourceName=switchboard)") DataSource dataSource,
      @Reference SchemaMigrations migrations,
      TicketConfig c) {
    this.deliveries = deliveries;
    try {
      Delivery d =
          new Delivery(
              "tickets",
              NAME,
              URI.create(c.url() == null ? "" : c.url().strip()),
              c.authorization(),
              c.secret(),
              List.of(EventTypes.INTERACTION_COMPLETED),
              Duration.ofMillis(Math.max(1, c.timeout())),
              c.maxAttempts(),
              Duration.ofMillis(Math.max(1, c.firstRetry())),
              Duration.ofMillis(Math.max(1, c.maxRetry())));
      Set<String> codes = Set.copyOf(ConfigValues.list(c.dispositions()));
      deliveries.start(
          d, event -> ticket(event, codes), new DeliveryLedger(dataSource, migrations, "tickets"));
      this.delivery = d;
    } catch (Exception e) {
      LOG.error("tickets not started: {}", e.getMessage());
    }
  }

  @Deactivate
  void deactivate() {
    if (delivery != null) {
      deliveries.stop(delivery);
    }
  }

  /** The ticket for a completed interaction, when its disposition is one of {@code codes}. */
  static Optional<Outgoing> ticket(String event, Set<String> codes) throws Exception {
    JsonNode i = JSON.readTree(event).path("data").path("interaction");
    String code = i.path("disposition").path("code").asText("");
    if (!codes.contains(code)) {
      return Optional.empty();
    }
    String id = i.path("id").asText();
    ObjectNode t = JSON.createObjectNode();
    t.put("interactionId", id);
    t.put("subject", code + ": " + i.path("from").asText());
    t.put("disposition", code);
    t.put("note", i.path("disposition").path("note").asText(""));
    t.put("customerRef", i.path("customerRef").asText(null));
    t.put("channel", channel(i.path("channel")));
    t.put("from", i.path("from").asText());
    t.put("queue", i.path("queue").asText(null));
    t.put("agent", i.path("agent").asText(null));
    t.put("openedAt", i.path("createdAt").asText(null));
    t.put("closedAt", i.path("endedAt").asText(null));
    return Optional.of(new Outgoing(JSON.writeValueAsString(t), Map.of("Idempotency-Key", id)));
  }

  private static String channel(JsonNode c) {
    return c.isObject() ? c.path("id").asText() : c.asText();
  }
}
