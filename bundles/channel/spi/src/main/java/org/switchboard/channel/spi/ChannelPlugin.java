package org.switchboard.channel.spi;

import org.osgi.annotation.versioning.ConsumerType;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.interaction.Interaction;

/**
 * A channel plugin, registered as an OSGi service. One plugin per channel type is active; the core
 * binds plugins dynamically so a plugin bundle can be updated under traffic.
 *
 * <p>Threading: the core calls these methods from its own threads; they must return quickly (hand
 * network I/O to the plugin's threads) and must not throw for expected conditions.
 */
@ConsumerType
public interface ChannelPlugin {

  /** The channel type this plugin serves. Constant for the life of the service. */
  ChannelType channelType();

  /**
   * Starts the plugin's use of the core. Returns at once; the plugin reports progress through
   * {@link ChannelContext#reportStatus}. Interactions of this channel that are still open (for
   * example after the plugin was updated) can be found with {@link
   * ChannelContext#openInteractions}.
   */
  void initialize(ChannelContext context);

  /** Stops the plugin's use of the context; called before the service goes away. */
  void dispose();

  /**
   * Connect the offered agent to the interaction: ring their phone, push to their desktop. The
   * plugin later reports {@link ChannelContext#accepted} or {@link ChannelContext#declined}.
   *
   * <p>An offer of an {@link org.switchboard.core.api.interaction.Direction#OUTBOUND} interaction
   * without a queue is an agent's dial (click-to-call): the plugin reaches the agent first, then
   * the customer at {@link org.switchboard.core.api.interaction.Interaction#to}, and reports {@link
   * ChannelContext#accepted} when the customer answers or {@link ChannelContext#dialFailed} with
   * the outcome.
   */
  void offer(Offer offer);

  /**
   * Something changed the interaction outside this plugin (an agent put it on hold from the
   * desktop, a supervisor transferred it, the offer was withdrawn). The plugin applies it on its
   * channel, e.g. a SIP re-INVITE for hold.
   *
   * @param interaction the interaction after the change
   * @param eventType the {@link org.switchboard.core.api.event.EventTypes} value of the change
   */
  void interactionChanged(Interaction interaction, String eventType);
}
