package org.switchboard.acd.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.switchboard.core.api.ChannelType;

/** What the ACD tells people and other bundles: its policies, its decisions and their reasons. */
@ProviderType
public interface AcdService {
  /** The policy of a queue: the stored one, or the defaults. */
  RoutingPolicy policy(String queue);

  /** All stored policies, ordered by queue id. */
  List<RoutingPolicy> policies();

  /**
   * Stores a queue's policy. The version must match the stored one (0 for "whatever is stored").
   *
   * @throws org.switchboard.core.api.NotFoundException if the queue does not exist
   * @throws org.switchboard.core.api.ValidationException if a step names an unknown skill
   */
  RoutingPolicy setPolicy(RoutingPolicy policy);

  /** Every stored decision about an interaction, oldest first ("why did agent X get it"). */
  List<Decision> decisionsFor(String interactionId);

  /** Recent decisions about an agent, newest first, at most {@code limit} (1-1000). */
  List<Decision> decisionsForAgent(String agentId, int limit);

  /**
   * Why a queued interaction is still waiting; empty when it is not waiting.
   *
   * @throws org.switchboard.core.api.NotFoundException if the interaction does not exist
   */
  Optional<WaitExplanation> explainWaiting(String interactionId);

  /**
   * How long a new contact of {@code channel} joining {@code queue} now should expect to wait: the
   * same estimate a waiting one gets (the line ahead, the logged-in members who take the channel,
   * the queue's learned handle time), for "about 2 minutes" before a chat or call is even started.
   *
   * @return zero when such an agent is free now; empty when nobody who could take it is logged in
   *     or the queue has no handle-time history yet
   * @throws org.switchboard.core.api.NotFoundException if the queue does not exist
   * @since 1.2
   */
  Optional<Duration> expectedWaitToJoin(String queue, ChannelType channel);

  /**
   * How far routing is behind: the time between a change in the core (a contact queued, an agent
   * ready) and the router taking it up. Near zero in normal service however long contacts wait for
   * agents; growing, the machine cannot route as fast as contacts arrive, and a channel may refuse
   * new contacts until it falls (the SIP channel answers new calls {@code 503}).
   *
   * @since 1.3
   */
  Duration routingLag();

  /**
   * Records that an agent's desktop or phone is alive. Logged-in agents with no sign of life for
   * the configured time are reconciled by the watchdog.
   *
   * @param source what reported it, e.g. {@code desktop} or {@code sip}
   * @throws org.switchboard.core.api.NotFoundException if the agent does not exist
   */
  void heartbeat(String agentId, String source);
}
