package org.switchboard.core.api.event;

/**
 * The CloudEvents {@code type} values the core emits. Every type starts with {@code
 * org.switchboard.}; the subject is the id of the interaction, agent, queue or skill concerned.
 */
public final class EventTypes {
  /** Broker address (multicast) on which every event is published. */
  public static final String ADDRESS = "switchboard.events";

  /** CloudEvents {@code source} of events emitted by the core. */
  public static final String SOURCE = "/switchboard/core";

  private static final String INTERACTION = "org.switchboard.interaction.";
  public static final String INTERACTION_OPENED = INTERACTION + "opened";
  public static final String INTERACTION_FLOW_STARTED = INTERACTION + "flow-started";
  public static final String INTERACTION_QUEUED = INTERACTION + "queued";
  public static final String INTERACTION_OFFERED = INTERACTION + "offered";

  /**
   * An agent placed an outbound contact: the interaction is reserved for them (OFFERED) while the
   * channel reaches the agent and then the customer.
   *
   * @since 1.2
   */
  public static final String INTERACTION_DIALING = INTERACTION + "dialing";

  public static final String INTERACTION_ACCEPTED = INTERACTION + "accepted";
  public static final String INTERACTION_DECLINED = INTERACTION + "declined";
  public static final String INTERACTION_CALLBACK_REQUESTED = INTERACTION + "callback-requested";
  public static final String INTERACTION_HELD = INTERACTION + "held";
  public static final String INTERACTION_RESUMED = INTERACTION + "resumed";
  public static final String INTERACTION_TRANSFERRED = INTERACTION + "transferred";
  public static final String INTERACTION_CONVERSATION_ENDED = INTERACTION + "conversation-ended";
  public static final String INTERACTION_COMPLETED = INTERACTION + "completed";
  public static final String INTERACTION_ABANDONED = INTERACTION + "abandoned";
  public static final String INTERACTION_ATTRIBUTES_UPDATED = INTERACTION + "attributes-updated";

  /**
   * A channel recorded the legs of an interaction (CDRs); the interaction itself did not change.
   *
   * @since 1.2
   */
  public static final String INTERACTION_LEGS_RECORDED = INTERACTION + "legs-recorded";

  private static final String AGENT = "org.switchboard.agent.";
  public static final String AGENT_CREATED = AGENT + "created";
  public static final String AGENT_UPDATED = AGENT + "updated";
  public static final String AGENT_DELETED = AGENT + "deleted";
  public static final String AGENT_LOGGED_IN = AGENT + "logged-in";
  public static final String AGENT_LOGGED_OUT = AGENT + "logged-out";
  public static final String AGENT_STATE_CHANGED = AGENT + "state-changed";

  private static final String QUEUE = "org.switchboard.queue.";
  public static final String QUEUE_CREATED = QUEUE + "created";
  public static final String QUEUE_UPDATED = QUEUE + "updated";
  public static final String QUEUE_DELETED = QUEUE + "deleted";

  private static final String SKILL = "org.switchboard.skill.";
  public static final String SKILL_CREATED = SKILL + "created";
  public static final String SKILL_UPDATED = SKILL + "updated";
  public static final String SKILL_DELETED = SKILL + "deleted";

  private EventTypes() {}
}
