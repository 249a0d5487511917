package org.switchboard.channel.sip.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.switchboard.acd.api.AcdService;

/**
 * Admission by what overload delays: while the ACD takes up the core's changes later than {@code
 * maxLag} (see {@link AcdService#routingLag()}), new calls are refused with {@code 503} and {@code
 * Retry-After} so the trunk tries again or elsewhere. Taking them would only make every waiting
 * caller wait longer: past its capacity a machine that accepts every call completes fewer of them
 * (the open-loop rows in docs/PERFORMANCE.md). Calls in progress are not affected; without an ACD,
 * or with {@code maxLag} zero, nothing is refused.
 */
final class RoutingOverload {
  private final Supplier<AcdService> acd;
  private final Duration maxLag;

  RoutingOverload(Supplier<AcdService> acd, Duration maxLag) {
    this.acd = acd;
    this.maxLag = maxLag;
  }

  /** Why a new call is to be refused now, or empty to take it. */
  Optional<String> refusal() {
    AcdService router = acd.get();
    if (router == null || maxLag.isZero() || maxLag.isNegative()) {
      return Optional.empty();
    }
    Duration lag = router.routingLag();
    return lag.compareTo(maxLag) > 0
        ? Optional.of(
            "routing is "
                + lag.toMillis()
                + " ms behind (more than maxRoutingLagMillis "
                + maxLag.toMillis()
                + ")")
        : Optional.empty();
  }

  /** The ACD's routing lag now; zero without an ACD. */
  Duration lag() {
    AcdService router = acd.get();
    return router == null ? Duration.ZERO : router.routingLag();
  }
}
