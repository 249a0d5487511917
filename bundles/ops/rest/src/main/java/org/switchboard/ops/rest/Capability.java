package org.switchboard.ops.rest;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.ws.rs.ServiceUnavailableException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * A service of a bundle that may be absent or restarting (the SIP channel, recordings, the CRM, the
 * ACD, the reports engine), bound dynamically into a resource that stays registered all the time.
 *
 * <p>Resources must not come and go with such services: every registration change makes the JAX-RS
 * whiteboard rebuild the whole application, and the entire API answers 404 meanwhile (after each
 * SIP or recording configuration change, at every start). Instead a request that needs an absent
 * service gets 503 {@code unavailable} with {@code Retry-After}.
 *
 * @param <T> the service type
 */
final class Capability<T> {
  /** Seconds a client waits before asking again: restarts of a bundle take about that long. */
  static final int RETRY_AFTER_SECONDS = 5;

  private final String component;
  private final AtomicReference<T> service = new AtomicReference<>();

  /**
   * @param component what provides the service, for the error message, e.g. "the SIP channel"
   */
  Capability(String component) {
    this.component = component;
  }

  /** Binds the service (a later, higher-ranked one replaces it). */
  void bind(T bound) {
    service.set(bound);
  }

  /** Unbinds the service unless another one has replaced it already. */
  void unbind(T unbound) {
    service.compareAndSet(unbound, null);
  }

  /** The service now, or a 503 for the request that needs it. */
  T get() {
    T now = service.get();
    if (now == null) {
      throw new ServiceUnavailableException(unavailable());
    }
    return now;
  }

  /** The service now, for work outside a request (no error when absent). */
  Optional<T> current() {
    return Optional.ofNullable(service.get());
  }

  private Response unavailable() {
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(
            new ApiError(
                "unavailable",
                component + " is not running (starting, restarting or not installed); try again",
                null))
        .build();
  }
}
