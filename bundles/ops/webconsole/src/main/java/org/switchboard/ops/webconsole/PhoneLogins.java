package org.switchboard.ops.webconsole;

/**
 * Agents' SIP phone passwords, when the SIP channel runs. A service of its own so the Users page
 * works without the SIP channel's package.
 */
interface PhoneLogins {
  /** Whether the agent has a phone password. */
  boolean has(String agentId);

  void setPassword(String agentId, String password);

  void remove(String agentId);
}
