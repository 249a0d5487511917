package org.switchboard.core.api.interaction;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The interaction lifecycle. Every method is one transaction: the state change and its event are
 * stored together, or nothing is. Thread-safe; concurrent changes to one interaction are
 * serialised, so exactly one of two racing operations wins and the other sees the new state.
 *
 * <p>Operations that the current state does not allow (see {@link InteractionState}) throw {@link
 * org.switchboard.core.api.IllegalTransitionException}; unknown ids throw {@link
 * org.switchboard.core.api.NotFoundException}; bad arguments throw {@link
 * org.switchboard.core.api.ValidationException}.
 */
@ProviderType
public interface InteractionService {

  /**
   * Opens an interaction in state NEW. Idempotent per (channel, channelRef) when a channelRef is
   * given: the existing interaction is returned. A request without a {@code customerRef} is first
   * shown to the {@link CustomerResolver}s, which may fill in the customer and their attributes.
   */
  Interaction open(OpenInteraction request);

  /**
   * An agent places an outbound contact (click-to-call): in one transaction the interaction is
   * opened and reserved for the agent (state OFFERED, event {@code dialing}), so the ACD offers
   * them nothing else beyond their capacity while the channel reaches the agent and then the
   * customer. The channel reports {@link #accept} when the customer answers, or {@link #complete}
   * with the outcome (busy, no-answer...) when the dial does not connect. The agent must be logged
   * in (any state) and have a free slot for the channel. Idempotent per (channel, channelRef).
   *
   * @param request an {@link Direction#OUTBOUND} request: {@code to} is the customer's address
   * @since 1.2
   */
  Interaction dial(OpenInteraction request, String agentId);

  /** Hands a NEW interaction to an IVR or bot flow (state IN_FLOW). */
  Interaction startFlow(String interactionId, String flowId);

  /** Puts a NEW or IN_FLOW interaction into a queue (state QUEUED). */
  Interaction enqueue(String interactionId, QueueRequest request);

  /**
   * Reserves a QUEUED interaction for one agent (state OFFERED). Called by the ACD; an interaction
   * is never offered to two agents at once. The agent must be READY and have a free slot for the
   * interaction's channel (fewer offered, connected, held or wrap-up interactions of that channel
   * than their capacity); otherwise nothing changes and {@link
   * org.switchboard.core.api.IllegalTransitionException} says why.
   */
  Interaction offer(String interactionId, String agentId);

  /** The offered agent accepts (state CONNECTED). Refused for any other agent. */
  Interaction accept(String interactionId, String agentId);

  /**
   * {@link #accept}, changing attributes in the same transaction and event (a null value removes
   * the key), e.g. the phone that answered.
   *
   * @since 1.2
   */
  Interaction accept(String interactionId, String agentId, Map<String, String> attributes);

  /**
   * The offered agent declines or did not answer in time: the interaction returns to its queue
   * keeping its original enqueue time (state QUEUED). Refused for a {@linkplain #dial dialled}
   * contact, which has no queue to return to.
   */
  Interaction decline(String interactionId, String agentId, String reason);

  /**
   * The offered agent did not answer within the ring timeout ("RONA"): in one transaction the
   * interaction returns to its queue keeping its original enqueue time (so it is at the head of its
   * priority), and the agent becomes NOT_READY with reason {@code no-answer}.
   */
  Interaction noAnswer(String interactionId, String agentId);

  /**
   * {@link #noAnswer}, changing attributes in the same transaction and event (e.g. the cause).
   *
   * @since 1.2
   */
  Interaction noAnswer(String interactionId, String agentId, Map<String, String> attributes);

  /**
   * A waiting customer asks to be called back instead of holding. The interaction stays QUEUED with
   * its place in line and enqueue time; its attributes {@code callback.address} and {@code
   * callback.requestedAt} tell the channel to call the customer when an agent accepts it. The
   * channel may end the customer's session without abandoning the interaction.
   *
   * @param address where to call back (phone number, chat handle...), 1-256 characters
   */
  Interaction requestCallback(String interactionId, String address);

  /** Puts a CONNECTED interaction on hold. */
  Interaction hold(String interactionId);

  /** Resumes a HELD interaction. */
  Interaction resume(String interactionId);

  /** Transfers a queued or connected interaction to a queue or an agent. */
  Interaction transfer(String interactionId, TransferTarget target);

  /**
   * {@link #transfer}, changing attributes in the same transaction and event (e.g. who
   * transferred).
   *
   * @since 1.2
   */
  Interaction transfer(String interactionId, TransferTarget target, Map<String, String> attributes);

  /** The conversation ended (e.g. customer hung up); the agent does wrap-up (state WRAP_UP). */
  Interaction endConversation(String interactionId);

  /**
   * {@link #endConversation}, changing attributes in the same transaction and event (e.g. who hung
   * up).
   *
   * @since 1.2
   */
  Interaction endConversation(String interactionId, Map<String, String> attributes);

  /**
   * Closes an interaction with a disposition (state CLOSED). Allowed from WRAP_UP, CONNECTED and
   * HELD, from NEW or IN_FLOW when a flow served the customer itself, and from OFFERED for a
   * {@linkplain #dial dialled} contact that never connected (the disposition says why).
   */
  Interaction complete(String interactionId, Disposition disposition);

  /** The customer left before being connected (state ABANDONED). */
  Interaction abandon(String interactionId, String reason);

  /** Adds or replaces attributes (a null value removes the key) on a non-final interaction. */
  Interaction updateAttributes(String interactionId, Map<String, String> changes);

  /**
   * Stores the detail records of legs of the interaction as one {@code legs-recorded} event; the
   * interaction does not change. Allowed in every state, also after it ended.
   *
   * @param legs 1-100 records
   * @since 1.2
   */
  void recordLegs(String interactionId, List<LegRecord> legs);

  Optional<Interaction> find(String interactionId);

  /**
   * The interaction's events, oldest first, at most {@code limit} (1-1000): its timeline, with the
   * leg records of its channel.
   *
   * @since 1.2
   */
  List<org.switchboard.core.api.event.SwitchboardEvent> events(String interactionId, int limit);

  List<Interaction> list(InteractionQuery query);

  /**
   * Interactions in a non-final state other than NEW, ordered by id, for routers and reports that
   * rebuild their view: page through with the last id of the previous page ({@code null} first).
   *
   * @param limit page size, 1-1000
   */
  List<Interaction> listActive(String afterId, int limit);

  /**
   * A customer's interactions, newest first (by creation), at most {@code limit} (1-1000). Used for
   * "last agent" routing and customer timelines.
   */
  List<Interaction> history(String customerRef, int limit);
}
