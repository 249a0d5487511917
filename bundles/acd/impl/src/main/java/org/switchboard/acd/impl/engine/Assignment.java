package org.switchboard.acd.impl.engine;

import org.switchboard.acd.api.Decision;

/**
 * The engine reserved an agent for an interaction; the caller makes the offer.
 *
 * @param contact the interaction as it waited
 * @param agentId the chosen agent
 * @param decision why, or null when the engine does not record decisions (simulation)
 */
public record Assignment(WaitingContact contact, String agentId, Decision decision) {}
