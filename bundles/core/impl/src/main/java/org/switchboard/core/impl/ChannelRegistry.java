package org.switchboard.core.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.channel.spi.ChannelPlugin;
import org.switchboard.channel.spi.ChannelStatus;
import org.switchboard.channel.spi.Offer;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.agent.AgentService;
import org.switchboard.core.api.event.EventListener;
import org.switchboard.core.api.event.EventTypes;
import org.switchboard.core.api.event.SwitchboardEvent;
import org.switchboard.core.api.interaction.Disposition;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionService;

/**
 * Binds channel plugins to the core: gives each a {@link ChannelContextImpl} and tells it, from the
 * event stream, when one of its interactions is offered to an agent or changed elsewhere. Plugins
 * come and go at run time (hot swap); their failures are logged and never reach the core.
 */
@Component(
    service = {ChannelRegistry.class, EventListener.class},
    configurationPid = "org.switchboard.core.channels")
@Designate(ocd = ChannelRegistry.Config.class)
public class ChannelRegistry implements EventListener {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelRegistry.class);

  /** Channel settings common to all channels. */
  @ObjectClassDefinition(
      name = "Switchboard channels",
      description = "How the core offers interactions to channels.")
  public @interface Config {
    @AttributeDefinition(
        name = "Ring timeout (s)",
        description = "How long an agent has to accept an offer.")
    int ringTimeoutSeconds() default 20;
  }

  private final InteractionService interactions;
  private final AgentService agents;
  private final Map<String, ChannelPlugin> plugins = new ConcurrentHashMap<>();
  private final Map<String, ChannelStatus> statuses = new ConcurrentHashMap<>();
  private volatile Duration ringTimeout;

  @Activate
  public ChannelRegistry(
      @Reference InteractionService interactions, @Reference AgentService agents, Config config) {
    this.interactions = interactions;
    this.agents = agents;
    configure(config);
  }

  @Modified
  void configure(Config config) {
    ringTimeout = Duration.ofSeconds(Math.max(1, config.ringTimeoutSeconds()));
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addPlugin(ChannelPlugin plugin) {
    String channel = plugin.channelType().id();
    ChannelPlugin previous = plugins.put(channel, plugin);
    if (previous != null) {
      LOG.warn(
          "a second plugin for channel {} replaces {}", channel, previous.getClass().getName());
    }
    statuses.put(channel, new ChannelStatus(ChannelStatus.State.INITIALIZING, ""));
    guard(
        channel,
        "initialize",
        () -> plugin.initialize(new ChannelContextImpl(plugin.channelType(), interactions, this)));
  }

  void removePlugin(ChannelPlugin plugin) {
    String channel = plugin.channelType().id();
    if (plugins.remove(channel, plugin)) {
      statuses.remove(channel);
      guard(channel, "dispose", plugin::dispose);
    }
  }

  void reportStatus(String channel, ChannelStatus status) {
    if (plugins.containsKey(channel)) {
      statuses.put(channel, status);
    }
  }

  /** Current status of each bound channel plugin, by channel id. */
  Map<String, ChannelStatus> statuses() {
    return Map.copyOf(statuses);
  }

  @Override
  public void onEvent(SwitchboardEvent event) {
    if (!event.type().startsWith("org.switchboard.interaction.")) {
      return;
    }
    Optional<Interaction> current = interactions.find(event.subject());
    if (current.isEmpty()) {
      return;
    }
    Interaction interaction = current.get();
    String channel = interaction.channel().id();
    ChannelPlugin plugin = plugins.get(channel);
    if (plugin == null) {
      if (EventTypes.INTERACTION_DIALING.equals(event.type())) {
        refuseDial(event.subject(), channel);
      }
      return;
    }
    if (isOffer(event.type()) && interaction.agent() != null) {
      agents
          .find(interaction.agent())
          .ifPresent(
              agent ->
                  guard(
                      channel,
                      "offer",
                      () ->
                          plugin.offer(
                              new Offer(interaction, agent, Instant.now().plus(ringTimeout)))));
    } else {
      guard(
          channel,
          "interactionChanged",
          () -> plugin.interactionChanged(interaction, event.type()));
    }
  }

  /** A dial no plugin can place would hold its agent forever: it is closed at once. */
  private void refuseDial(String interactionId, String channel) {
    try {
      interactions.complete(
          interactionId,
          new Disposition(
              "channel-unavailable", "no " + channel + " channel plugin is running to place it"));
    } catch (SwitchboardException e) {
      LOG.debug("dial {} already moved on: {}", interactionId, e.getMessage());
    }
  }

  /** An offer from the ACD, or an agent's dial: either way the channel connects the agent. */
  private static boolean isOffer(String eventType) {
    return EventTypes.INTERACTION_OFFERED.equals(eventType)
        || EventTypes.INTERACTION_DIALING.equals(eventType);
  }

  private void guard(String channel, String call, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.error("channel plugin {} failed in {}", channel, call, e);
      statuses.put(
          channel,
          new ChannelStatus(ChannelStatus.State.DEGRADED, call + " failed: " + e.getMessage()));
    }
  }
}
