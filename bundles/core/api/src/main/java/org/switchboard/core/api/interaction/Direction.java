package org.switchboard.core.api.interaction;

/** Who started the interaction. */
public enum Direction {
  /** The customer contacted the company. */
  INBOUND,
  /** The company (an agent or a campaign) contacted the customer. */
  OUTBOUND
}
