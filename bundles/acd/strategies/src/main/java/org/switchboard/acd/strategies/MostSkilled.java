package org.switchboard.acd.strategies;

import org.osgi.service.component.annotations.Component;
import org.switchboard.acd.api.Candidate;
import org.switchboard.acd.api.RoutingRequest;
import org.switchboard.acd.api.RoutingStrategy;
import org.switchboard.core.api.skill.SkillRequirement;

/**
 * The most proficient agent gets the interaction: the sum of the agent's levels in the skills the
 * interaction requires now. Equal proficiency goes to the agent idle longest.
 */
@Component(service = RoutingStrategy.class)
public class MostSkilled implements RoutingStrategy {
  @Override
  public String id() {
    return "most-skilled";
  }

  @Override
  public double score(RoutingRequest request, Candidate candidate) {
    int proficiency = 0;
    for (SkillRequirement requirement : request.requirements()) {
      proficiency += candidate.levelOf(requirement.skill());
    }
    return proficiency;
  }
}
