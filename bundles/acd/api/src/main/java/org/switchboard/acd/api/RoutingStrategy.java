package org.switchboard.acd.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Chooses which of the eligible agents gets an interaction. Register implementations as OSGi
 * services; queues name them by {@link #id()} in their {@link RoutingPolicy}. They can be replaced
 * at run time: while a queue's strategy is missing its interactions wait, and after a grace period
 * the ACD falls back to longest-idle ordering (and records that it did).
 *
 * <p>The ACD has already filtered the candidates: each is ready, has free capacity for the
 * interaction's channel and meets every skill requirement of the current relaxation step. The
 * strategy only ranks them. It must be deterministic (same inputs, same scores), fast (it runs on
 * the router thread for every candidate of every decision) and free of side effects.
 */
@ConsumerType
public interface RoutingStrategy {
  /** The id queues refer to, e.g. {@code longest-idle}; lower-case letters, digits and dashes. */
  String id();

  /**
   * Scores one candidate for one request; the highest score wins. Ties go to the agent idle
   * longest, then to the smallest agent id, so the outcome is always deterministic.
   */
  double score(RoutingRequest request, Candidate candidate);
}
