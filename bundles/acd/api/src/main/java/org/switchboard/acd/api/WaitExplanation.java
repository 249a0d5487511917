package org.switchboard.acd.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Why an interaction is still waiting, computed from the router's live view.
 *
 * @param interactionId the interaction
 * @param queue the queue it waits in
 * @param waited time in queue so far
 * @param position 1-based place in line among the interactions of its queue
 * @param aheadInQueue interactions ahead of it in its queue
 * @param step the relaxation step in force, in words
 * @param requirements every requirement in force, e.g. {@code billing>=7}
 * @param eligibleAgents logged-in agents who meet all requirements
 * @param excludedAgents logged-in agents who cannot take it now, counted by reason
 * @param summary one sentence for people
 * @param nextChange when the requirements relax or the interaction overflows, null if never
 * @param expectedWait how much longer it should expect to wait (position times the queue's average
 *     handle time, divided by the eligible agents; zero when one is free), null when unknown (no
 *     eligible agent logged in, no handle time learned yet)
 */
public record WaitExplanation(
    String interactionId,
    String queue,
    Duration waited,
    int position,
    int aheadInQueue,
    String step,
    List<String> requirements,
    int eligibleAgents,
    Map<String, Integer> excludedAgents,
    String summary,
    Instant nextChange,
    Duration expectedWait) {
  public WaitExplanation {
    requirements = List.copyOf(requirements);
    excludedAgents = Map.copyOf(excludedAgents);
  }
}
