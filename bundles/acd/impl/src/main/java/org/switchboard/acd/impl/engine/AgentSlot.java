package org.switchboard.acd.impl.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.switchboard.acd.api.Candidate;
import org.switchboard.core.api.skill.SkillRequirement;

/** The router's view of one agent: presence, skills, capacity and what they hold now. */
public final class AgentSlot {
  final String id;
  Map<String, Integer> skills = Map.of();
  Map<String, Integer> capacity = Map.of();
  int totalSlots;
  boolean loggedIn;
  boolean ready;
  Instant idleSince = Instant.EPOCH;
  Instant lastOfferAt;
  final Map<String, Integer> busy = new HashMap<>();
  int busyTotal;
  int blockingBusy;
  final Set<String> memberQueues = new HashSet<>();
  boolean available;

  AgentSlot(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Interactions the agent holds on a channel. */
  public int busyOn(String channel) {
    return busy.getOrDefault(channel, 0);
  }

  /** Interactions the agent holds on all channels. */
  public int busyTotal() {
    return busyTotal;
  }

  /** The agent's capacity on a channel. */
  public int capacityOn(String channel) {
    return capacity.getOrDefault(channel, 0);
  }

  boolean meets(Iterable<SkillRequirement> requirements) {
    for (SkillRequirement r : requirements) {
      if (skills.getOrDefault(r.skill(), 0) < r.minimumLevel()) {
        return false;
      }
    }
    return true;
  }

  /** Whether the agent may be offered one more interaction of this channel right now. */
  boolean canTake(String channel) {
    return loggedIn
        && ready
        && blockingBusy == 0
        && busy.getOrDefault(channel, 0) < capacity.getOrDefault(channel, 0);
  }

  boolean hasFreeSlot() {
    if (!loggedIn || !ready || blockingBusy > 0) {
      return false;
    }
    for (Map.Entry<String, Integer> e : capacity.entrySet()) {
      if (busy.getOrDefault(e.getKey(), 0) < e.getValue()) {
        return true;
      }
    }
    return false;
  }

  Candidate toCandidate() {
    return new Candidate(id, skills, busyTotal, totalSlots, idleSince, lastOfferAt);
  }
}
