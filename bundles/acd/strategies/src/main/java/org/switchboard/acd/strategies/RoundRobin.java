package org.switchboard.acd.strategies;

import org.osgi.service.component.annotations.Component;
import org.switchboard.acd.api.Candidate;
import org.switchboard.acd.api.RoutingRequest;
import org.switchboard.acd.api.RoutingStrategy;

/**
 * Agents take turns: the agent whose last offer is oldest gets the next one (agents without an
 * offer since the router started come first), regardless of how long their last interaction took.
 */
@Component(service = RoutingStrategy.class)
public class RoundRobin implements RoutingStrategy {
  @Override
  public String id() {
    return "round-robin";
  }

  @Override
  public double score(RoutingRequest request, Candidate candidate) {
    if (candidate.lastOfferAt() == null) {
      return Double.MAX_VALUE;
    }
    return request.now().toEpochMilli() - candidate.lastOfferAt().toEpochMilli();
  }
}
