package org.switchboard.acd.strategies;

import org.osgi.service.component.annotations.Component;
import org.switchboard.acd.api.Candidate;
import org.switchboard.acd.api.RoutingRequest;
import org.switchboard.acd.api.RoutingStrategy;

/** The agent idle longest gets the interaction: spreads work evenly; the usual default. */
@Component(service = RoutingStrategy.class)
public class LongestIdle implements RoutingStrategy {
  @Override
  public String id() {
    return "longest-idle";
  }

  @Override
  public double score(RoutingRequest request, Candidate candidate) {
    return candidate.idleFor(request.now()).toMillis();
  }
}
