package org.switchboard.recording.internal;

import java.util.Map;
import java.util.Set;

/**
 * Which calls are recorded: by queue ({@code *} for all), by agent, and by the interaction's {@code
 * recording} attribute ({@code on} or {@code off}), which a flow sets and which wins.
 */
record RecordingPolicy(Set<String> queues, Set<String> agents) {
  static final String ATTRIBUTE = "recording";

  RecordingPolicy {
    queues = Set.copyOf(queues);
    agents = Set.copyOf(agents);
  }

  boolean shouldRecord(String queue, String agentId, Map<String, String> attributes) {
    String said = attributes == null ? null : attributes.get(ATTRIBUTE);
    if ("off".equalsIgnoreCase(said)) {
      return false;
    }
    if ("on".equalsIgnoreCase(said)) {
      return true;
    }
    return queues.contains("*")
        || (queue != null && queues.contains(queue))
        || (agentId != null && agents.contains(agentId));
  }
}
