package org.switchboard.channel.spi;

/**
 * How a channel plugin is doing, as shown to admins.
 *
 * @param state coarse state
 * @param detail one line an admin can act on, e.g. {@code SIP port 5060 in use}
 */
public record ChannelStatus(State state, String detail) {
  public ChannelStatus {
    if (state == null) {
      throw new IllegalArgumentException("state is required");
    }
    detail = detail == null ? "" : detail;
  }

  /** Coarse channel states. */
  public enum State {
    /** Starting; not yet taking traffic. */
    INITIALIZING,
    /** Taking traffic normally. */
    ONLINE,
    /** Taking traffic with reduced function (e.g. one trunk down). */
    DEGRADED,
    /** Not taking new traffic on purpose (drain before an upgrade); existing work continues. */
    DRAINING,
    /** Not working. */
    OFFLINE
  }

  public static ChannelStatus online() {
    return new ChannelStatus(State.ONLINE, "");
  }
}
