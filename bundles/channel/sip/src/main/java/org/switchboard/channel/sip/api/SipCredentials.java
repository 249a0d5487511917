package org.switchboard.channel.sip.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Phone credentials of agents. Only digest hashes (HA1, MD5 and SHA-256) are stored, never the
 * password; changing the realm therefore needs the passwords set again.
 */
@ProviderType
public interface SipCredentials {
  /**
   * Sets (or replaces) the SIP password of an agent.
   *
   * @param password 6 to 128 characters; use 12 or more: a captured digest exchange can be attacked
   *     offline
   * @throws org.switchboard.core.api.NotFoundException if the agent does not exist
   * @throws org.switchboard.core.api.ValidationException if the password is too short or long
   */
  void setPassword(String agentId, String password);

  /** Removes an agent's SIP credential and their registrations. */
  void remove(String agentId);

  /** Whether the agent has a SIP credential. */
  boolean has(String agentId);

  /** The agent's current (unexpired) registrations, newest first. */
  List<Registration> registrations(String agentId);

  /** Every current registration, ordered by agent. */
  List<Registration> registrations();
}
