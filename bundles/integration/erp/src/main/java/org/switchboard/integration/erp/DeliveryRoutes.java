package org.switchboard.integration.erp;

import java.time.Clock;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.IdempotentRepository;

/**
 * The routes of one delivery. A durable subscription on {@code switchboard.events} (so events keep
 * while the bundle is updated or the target is down) feeds the delivery route, which builds the
 * request, skips what was already delivered (when the integration is idempotent), POSTs it, and on
 * failure retries with exponential backoff; a message that fails every attempt goes to the
 * delivery's dead-letter queue on the broker, from where {@code switchboard:delivery-replay} sends
 * it again.
 */
final class DeliveryRoutes extends RouteBuilder {
  /** Header with the key that makes a delivery idempotent (e.g. the interaction id). */
  static final String KEY = "switchboard.deliveryKey";

  /** Exchange property set when a message went to the dead-letter queue. */
  static final String DEAD_LETTERED = "switchboard.deadLettered";

  private final Delivery delivery;
  private final Payload payload;
  private final IdempotentRepository ledger;
  private final DeliveryStats stats;
  private final HttpTarget target;

  /**
   * @param ledger remembers the keys delivered, null when the integration is not idempotent
   */
  DeliveryRoutes(
      Delivery delivery, Payload payload, IdempotentRepository ledger, DeliveryStats stats) {
    this.delivery = delivery;
    this.payload = payload;
    this.ledger = ledger;
    this.stats = stats;
    this.target = new HttpTarget(delivery, Clock.systemUTC());
  }

  @Override
  public void configure() {
    errorHandler(
        deadLetterChannel("amqp:queue:" + delivery.deadLetterQueue())
            .useOriginalMessage()
            .maximumRedeliveries(delivery.maxAttempts() - 1)
            .redeliveryDelay(delivery.firstRetry().toMillis())
            .useExponentialBackOff()
            .backOffMultiplier(2)
            .maximumRedeliveryDelay(delivery.maxRetry().toMillis())
            .retryAttemptedLogLevel(LoggingLevel.DEBUG)
            .onRedelivery(e -> stats.failedAttempts.incrementAndGet())
            .onPrepareFailure(this::deadLettered));

    String[] ids = delivery.routeIds().toArray(new String[0]);
    from("amqp:topic:switchboard.events?subscriptionDurable=true"
            + "&clientId="
            + delivery.clientId()
            + "&durableSubscriptionName="
            + delivery.name()
            + "&concurrentConsumers=1"
            + "&selector="
            + java.net.URLEncoder.encode(
                delivery.selector(), java.nio.charset.StandardCharsets.UTF_8))
        .routeId(ids[0])
        .process(e -> stats.received.incrementAndGet())
        .to(delivery.deliverEndpoint());

    from(delivery.deliverEndpoint()).routeId(ids[1]).process(this::deliver);
  }

  /** Builds and sends the request; a failure is thrown for the error handler to retry. */
  private void deliver(Exchange e) throws Exception {
    String event = e.getIn().getBody(String.class);
    Optional<Outgoing> out = payload.of(event);
    if (out.isEmpty()) {
      stats.skipped.incrementAndGet();
      return;
    }
    String key = out.get().headers().get("Idempotency-Key");
    if (ledger != null && key != null && ledger.contains(key)) {
      stats.duplicates.incrementAndGet();
      return;
    }
    target.post(out.get());
    if (ledger != null && key != null) {
      ledger.add(key);
    }
    stats.delivered.incrementAndGet();
  }

  private void deadLettered(Exchange e) {
    Exception cause = e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    stats.deadLettered.incrementAndGet();
    stats.lastFailure = cause == null ? "" : cause.getMessage();
    e.setProperty(DEAD_LETTERED, true);
    e.getIn().setHeader("switchboard_failure", stats.lastFailure);
  }
}
