package org.switchboard.reports.api;

import java.time.Duration;
import org.switchboard.core.api.ValidationException;

/**
 * The thresholds metrics depend on.
 *
 * @param serviceLevelThreshold T: answered within it counts for the service level (e.g. 20 s)
 * @param shortAbandonThreshold S: customers who leave sooner are short abandons, left out of the
 *     service level and the abandon rate (e.g. 5 s: misdials, ghost calls)
 * @param serviceLevel how abandons count in the service level
 */
public record MetricSettings(
    Duration serviceLevelThreshold, Duration shortAbandonThreshold, ServiceLevel serviceLevel) {
  /** 20 s, 5 s, abandons counted against. */
  public static final MetricSettings DEFAULT =
      new MetricSettings(
          Duration.ofSeconds(20), Duration.ofSeconds(5), ServiceLevel.ABANDONS_AGAINST);

  public MetricSettings {
    if (serviceLevelThreshold == null || serviceLevelThreshold.isNegative()) {
      throw new ValidationException("serviceLevelThreshold", "must be 0 or more");
    }
    if (shortAbandonThreshold == null || shortAbandonThreshold.isNegative()) {
      throw new ValidationException("shortAbandonThreshold", "must be 0 or more");
    }
    if (serviceLevel == null) {
      throw new ValidationException("serviceLevel", "is required");
    }
  }
}
