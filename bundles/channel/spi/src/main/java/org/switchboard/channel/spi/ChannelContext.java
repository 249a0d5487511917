package org.switchboard.channel.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.LegRecord;
import org.switchboard.core.api.interaction.OpenInteraction;
import org.switchboard.core.api.interaction.QueueRequest;
import org.switchboard.core.api.interaction.TransferTarget;

/**
 * What the core gives a channel plugin: the interaction lifecycle, restricted to the plugin's own
 * channel type. Every call is one transaction in the core and may throw the core's exceptions
 * ({@link org.switchboard.core.api.IllegalTransitionException} and friends) when the request does
 * not fit the interaction's state; a plugin maps those to its protocol (e.g. SIP 481).
 */
@ProviderType
public interface ChannelContext {

  /** The channel type of the plugin this context belongs to. */
  ChannelType channelType();

  /**
   * Opens an interaction for a contact that arrived; idempotent per channelRef.
   *
   * @throws org.switchboard.core.api.ValidationException if the request names another channel
   */
  Interaction open(OpenInteraction request);

  /** Queues an interaction of this channel. */
  Interaction enqueue(String interactionId, QueueRequest request);

  /** The offered agent answered. */
  Interaction accepted(String interactionId, String agentId);

  /**
   * {@link #accepted}, with attribute changes in the same change (e.g. the phone that answered).
   *
   * @since 1.2
   */
  Interaction accepted(String interactionId, String agentId, Map<String, String> attributes);

  /** The offered agent refused or did not answer; the interaction returns to its queue. */
  Interaction declined(String interactionId, String agentId, String reason);

  /**
   * The offered agent did not answer (their phone rang out, was busy or refused): the interaction
   * returns to the head of its queue and the agent becomes not ready with reason {@code no-answer},
   * so the next offer goes to someone else ("RONA").
   *
   * @since 1.1
   */
  Interaction noAnswer(String interactionId, String agentId);

  /**
   * {@link #noAnswer}, with attribute changes in the same change (e.g. why).
   *
   * @since 1.2
   */
  Interaction noAnswer(String interactionId, String agentId, Map<String, String> attributes);

  /**
   * The agent put the customer on hold from the channel (e.g. the phone's hold key).
   *
   * @since 1.1
   */
  Interaction held(String interactionId);

  /**
   * The agent took the customer off hold from the channel.
   *
   * @since 1.1
   */
  Interaction resumed(String interactionId);

  /**
   * The agent transferred the customer from the channel (e.g. a SIP REFER) to a queue or an agent.
   *
   * @since 1.1
   */
  Interaction transferred(String interactionId, TransferTarget target);

  /**
   * {@link #transferred}, with attribute changes in the same change (e.g. who transferred).
   *
   * @since 1.2
   */
  Interaction transferred(
      String interactionId, TransferTarget target, Map<String, String> attributes);

  /**
   * An agent's dial ended without a conversation: the interaction is closed with {@code outcome} as
   * its disposition code.
   *
   * @param outcome what happened, a name such as {@code busy}, {@code no-answer}, {@code rejected},
   *     {@code agent-no-answer}, {@code invalid-number}, {@code failed}
   * @param note details for people (e.g. the SIP status line), may be empty
   * @since 1.2
   */
  Interaction dialFailed(String interactionId, String outcome, String note);

  /**
   * A NEW interaction is in an IVR or bot flow now (state IN_FLOW); from there it is queued or
   * {@linkplain #selfServed served by the flow}.
   *
   * @since 1.3
   */
  Interaction flowStarted(String interactionId, String flowId);

  /**
   * The flow served the customer itself (e.g. told them their order status) and the contact ended:
   * the interaction is closed with {@code code} as its disposition, no agent involved.
   *
   * @since 1.3
   */
  Interaction selfServed(String interactionId, String code, String note);

  /**
   * The waiting customer chose to be called back instead of holding (e.g. pressed 1 in the queue):
   * the interaction stays QUEUED with its place in line, and when the ACD offers it the channel
   * calls the agent, then the customer at {@code address}. The channel ends the customer's session
   * without abandoning the interaction.
   *
   * @param address where to call back, e.g. an E.164 number
   * @since 1.4
   */
  Interaction callbackRequested(String interactionId, String address);

  /** The conversation ended on the channel (hang-up, chat closed). */
  Interaction conversationEnded(String interactionId);

  /**
   * {@link #conversationEnded}, with attribute changes in the same change (e.g. who hung up).
   *
   * @since 1.2
   */
  Interaction conversationEnded(String interactionId, Map<String, String> attributes);

  /** The customer left before being connected. */
  Interaction abandoned(String interactionId, String reason);

  /**
   * Records the legs of a call or session when they are over (CDRs), as one event.
   *
   * @since 1.2
   */
  void legsRecorded(String interactionId, List<LegRecord> legs);

  /** Adds or replaces attributes (null value removes). */
  Interaction updateAttributes(String interactionId, Map<String, String> changes);

  /** Looks up an interaction of this channel. */
  Optional<Interaction> find(String interactionId);

  /** The interactions of this channel that are not final, oldest first. */
  List<Interaction> openInteractions();

  /** Reports the plugin's status; shown in health and the console. */
  void reportStatus(ChannelStatus status);
}
