package org.switchboard.integration.erp;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;

/**
 * POSTs an {@link Outgoing} to a delivery's URL, signed when the delivery has a secret. Anything
 * but a 2xx answer within the timeout is an exception, which the route retries.
 */
final class HttpTarget {
  private final Delivery delivery;
  private final Clock clock;
  private final HttpClient http;

  HttpTarget(Delivery delivery, Clock clock) {
    this.delivery = delivery;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(delivery.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Sends and returns the answer's body. */
  String post(Outgoing out) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(delivery.url())
            .timeout(delivery.timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "Switchboard/" + delivery.kind())
            .POST(HttpRequest.BodyPublishers.ofString(out.body()));
    out.headers().forEach(b::setHeader);
    if (!delivery.authorization().isEmpty()) {
      b.header("Authorization", delivery.authorization());
    }
    if (!delivery.secret().isEmpty()) {
      b.header(
          Signature.HEADER,
          Signature.sign(delivery.secret(), clock.instant().getEpochSecond(), out.body()));
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new DeliveryFailedException(
          delivery.name() + ": " + delivery.url().getHost() + " answered HTTP " + r.statusCode());
    }
    return r.body();
  }

  /** The target refused or failed the request; the route tries again. */
  static final class DeliveryFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    DeliveryFailedException(String message) {
      super(message);
    }
  }
}
