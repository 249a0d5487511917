package org.switchboard.channel.sip.api;

import java.time.Instant;

/**
 * One registered contact of an agent's phone.
 *
 * @param agentId the agent
 * @param contact the contact URI the phone registered (where calls to the agent go)
 * @param expiresAt when the registration lapses unless refreshed
 * @param source the address:port the REGISTER came from
 * @param userAgent the phone's User-Agent header, may be empty
 */
public record Registration(
    String agentId, String contact, Instant expiresAt, String source, String userAgent) {}
