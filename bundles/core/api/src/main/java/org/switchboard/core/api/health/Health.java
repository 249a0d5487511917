package org.switchboard.core.api.health;

import java.util.Map;

/**
 * The health of one component at one moment.
 *
 * @param status UP, DEGRADED or DOWN
 * @param detail one line an operator can act on, e.g. {@code journal at 91% of disk}
 * @param metrics a few numbers worth showing (counts, latencies), may be empty
 */
public record Health(Status status, String detail, Map<String, Object> metrics) {
  public Health {
    detail = detail == null ? "" : detail;
    metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
  }

  /** Status levels; the worst component decides the overall status. */
  public enum Status {
    UP,
    DEGRADED,
    DOWN
  }

  public static Health up(String detail) {
    return new Health(Status.UP, detail, Map.of());
  }

  public static Health down(String detail) {
    return new Health(Status.DOWN, detail, Map.of());
  }
}
