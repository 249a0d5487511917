package org.switchboard.ops.rest;

import java.util.Set;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.interaction.Disposition;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.core.api.interaction.QueueRequest;
import org.switchboard.core.api.interaction.TransferTarget;

/** Maps {@code POST /v1/interactions/{id}/{action}} to the lifecycle service. */
final class InteractionActions {
  /** Actions an agent may take on their own interactions. */
  static final Set<String> AGENT_ACTIONS =
      Set.of("accept", "decline", "hold", "resume", "transfer", "end", "complete");

  /**
   * The body of an action; each action reads the fields it needs.
   *
   * @param queue enqueue, transfer
   * @param priority enqueue
   * @param agent offer, accept, decline (defaults to the caller), transfer
   * @param reason decline, abandon
   * @param code complete (disposition code)
   * @param note complete
   * @param address callback (where to call the customer back)
   */
  public record ActionBody(
      String queue,
      Integer priority,
      String agent,
      String reason,
      String code,
      String note,
      String address) {
    static final ActionBody EMPTY = new ActionBody(null, null, null, null, null, null, null);
  }

  private final InteractionService interactions;

  InteractionActions(InteractionService interactions) {
    this.interactions = interactions;
  }

  Interaction perform(String id, String action, ActionBody b, Caller caller) {
    String agent = b.agent() == null ? caller.name() : b.agent();
    return switch (action) {
      case "enqueue" -> interactions.enqueue(id, new QueueRequest(b.queue(), b.priority(), null));
      case "offer" -> interactions.offer(id, required("agent", b.agent()));
      case "accept" -> interactions.accept(id, agent);
      case "decline" -> interactions.decline(id, agent, b.reason());
      case "hold" -> interactions.hold(id);
      case "resume" -> interactions.resume(id);
      case "transfer" -> interactions.transfer(id, new TransferTarget(b.queue(), b.agent()));
      case "end" -> interactions.endConversation(id);
      case "complete" -> interactions.complete(id, new Disposition(b.code(), b.note()));
      case "abandon" -> interactions.abandon(id, b.reason());
      case "callback" -> interactions.requestCallback(id, b.address());
      default ->
          throw new ValidationException(
              "action",
              "unknown action '"
                  + action
                  + "'; use enqueue, offer, accept, decline, hold, resume, transfer, end, complete,"
                  + " abandon or callback");
    };
  }

  private static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new ValidationException(field, "is required");
    }
    return value;
  }
}
