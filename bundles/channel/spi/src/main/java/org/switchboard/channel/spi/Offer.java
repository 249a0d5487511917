package org.switchboard.channel.spi;

import java.time.Instant;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.interaction.Interaction;

/**
 * The core asks the channel to connect an agent to an interaction.
 *
 * @param interaction the interaction, in state OFFERED
 * @param agent the agent it is reserved for
 * @param deadline when the reservation lapses if the agent has not accepted (ring timeout)
 */
public record Offer(Interaction interaction, Agent agent, Instant deadline) {}
