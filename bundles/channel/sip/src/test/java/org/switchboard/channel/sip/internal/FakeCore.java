package org.switchboard.channel.sip.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.switchboard.channel.spi.ChannelContext;
import org.switchboard.channel.spi.ChannelStatus;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.IllegalTransitionException;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.interaction.OpenInteraction;
import org.switchboard.core.api.interaction.QueueRequest;
import org.switchboard.core.api.interaction.TransferTarget;

/**
 * The core as the voice channel sees it, in memory: interactions open, queue and end; no ACD (no
 * offers). For module tests of the SIP channel that need a bound core but not routing.
 */
final class FakeCore implements ChannelContext {
  final Map<String, Interaction> interactions = new ConcurrentHashMap<>();

  @Override
  public ChannelType channelType() {
    return ChannelType.VOICE;
  }

  @Override
  public Interaction open(OpenInteraction r) {
    Instant now = Instant.now();
    Interaction i =
        new Interaction(
            UUID.randomUUID().toString(),
            r.channel(),
            r.channelRef(),
            r.direction(),
            r.from(),
            r.to(),
            r.customerRef(),
            null,
            50,
            List.of(),
            r.attributes(),
            InteractionState.NEW,
            null,
            null,
            now,
            null,
            null,
            null,
            now,
            1);
    interactions.put(i.id(), i);
    return i;
  }

  @Override
  public Interaction enqueue(String id, QueueRequest request) {
    return to(id, InteractionState.QUEUED);
  }

  @Override
  public Interaction accepted(String id, String agentId) {
    return to(id, InteractionState.CONNECTED);
  }

  @Override
  public Interaction declined(String id, String agentId, String reason) {
    return to(id, InteractionState.QUEUED);
  }

  @Override
  public Interaction noAnswer(String id, String agentId) {
    return to(id, InteractionState.QUEUED);
  }

  @Override
  public Interaction accepted(String id, String agentId, Map<String, String> attributes) {
    return accepted(id, agentId);
  }

  @Override
  public Interaction noAnswer(String id, String agentId, Map<String, String> attributes) {
    return noAnswer(id, agentId);
  }

  @Override
  public Interaction transferred(String id, TransferTarget target, Map<String, String> attributes) {
    return transferred(id, target);
  }

  @Override
  public Interaction conversationEnded(String id, Map<String, String> attributes) {
    return conversationEnded(id);
  }

  /** Leg records by interaction, as the channel wrote them. */
  final Map<String, List<org.switchboard.core.api.interaction.LegRecord>> legs =
      new ConcurrentHashMap<>();

  @Override
  public void legsRecorded(
      String id, List<org.switchboard.core.api.interaction.LegRecord> records) {
    legs.put(id, List.copyOf(records));
  }

  @Override
  public Interaction dialFailed(String id, String outcome, String note) {
    return to(id, InteractionState.CLOSED);
  }

  @Override
  public Interaction held(String id) {
    return to(id, InteractionState.HELD);
  }

  @Override
  public Interaction resumed(String id) {
    return to(id, InteractionState.CONNECTED);
  }

  @Override
  public Interaction transferred(String id, TransferTarget target) {
    return to(id, InteractionState.QUEUED);
  }

  @Override
  public Interaction conversationEnded(String id) {
    return to(id, InteractionState.WRAP_UP);
  }

  @Override
  public Interaction flowStarted(String id, String flowId) {
    return to(id, InteractionState.IN_FLOW);
  }

  @Override
  public Interaction callbackRequested(String id, String address) {
    return to(id, InteractionState.QUEUED);
  }

  @Override
  public Interaction selfServed(String id, String code, String note) {
    return to(id, InteractionState.CLOSED);
  }

  @Override
  public Interaction abandoned(String id, String reason) {
    return to(id, InteractionState.ABANDONED);
  }

  @Override
  public Interaction updateAttributes(String id, Map<String, String> changes) {
    return find(id).orElseThrow(() -> new NotFoundException("interaction", id));
  }

  @Override
  public Optional<Interaction> find(String id) {
    return Optional.ofNullable(interactions.get(id));
  }

  @Override
  public List<Interaction> openInteractions() {
    return interactions.values().stream().filter(i -> !i.state().isFinal()).toList();
  }

  @Override
  public void reportStatus(ChannelStatus status) {}

  /** Interactions in a state. */
  long count(InteractionState state) {
    return interactions.values().stream().filter(i -> i.state() == state).count();
  }

  private Interaction to(String id, InteractionState state) {
    Interaction cur = find(id).orElseThrow(() -> new NotFoundException("interaction", id));
    if (cur.state().isFinal()) {
      throw new IllegalTransitionException("interaction " + id, cur.state().name(), "change", "");
    }
    Interaction next =
        new Interaction(
            cur.id(),
            cur.channel(),
            cur.channelRef(),
            cur.direction(),
            cur.from(),
            cur.to(),
            cur.customerRef(),
            "support",
            cur.priority(),
            cur.requiredSkills(),
            cur.attributes(),
            state,
            cur.agent(),
            cur.disposition(),
            cur.createdAt(),
            cur.queuedAt() == null ? Instant.now() : cur.queuedAt(),
            cur.answeredAt(),
            state.isFinal() ? Instant.now() : null,
            Instant.now(),
            cur.version() + 1);
    interactions.put(id, next);
    return next;
  }
}
