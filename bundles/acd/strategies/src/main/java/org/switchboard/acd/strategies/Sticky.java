package org.switchboard.acd.strategies;

import org.osgi.service.component.annotations.Component;
import org.switchboard.acd.api.Candidate;
import org.switchboard.acd.api.RoutingRequest;
import org.switchboard.acd.api.RoutingStrategy;

/**
 * The agent who last served this customer (within the queue's sticky window) gets the interaction
 * when eligible; otherwise the agent idle longest. To wait a while for that agent when they are
 * busy, add a {@code lastAgentOnly} relaxation step to the queue's policy.
 */
@Component(service = RoutingStrategy.class)
public class Sticky implements RoutingStrategy {
  @Override
  public String id() {
    return "sticky";
  }

  @Override
  public double score(RoutingRequest request, Candidate candidate) {
    return candidate.agentId().equals(request.lastAgent()) ? 1 : 0;
  }
}
