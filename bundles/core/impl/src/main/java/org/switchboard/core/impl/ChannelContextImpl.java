package org.switchboard.core.impl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.switchboard.channel.spi.ChannelContext;
import org.switchboard.channel.spi.ChannelStatus;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.interaction.Disposition;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionQuery;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.interaction.LegRecord;
import org.switchboard.core.api.interaction.OpenInteraction;
import org.switchboard.core.api.interaction.QueueRequest;
import org.switchboard.core.api.interaction.TransferTarget;

/** The interaction lifecycle as one channel plugin sees it: only its own channel's interactions. */
final class ChannelContextImpl implements ChannelContext {
  private static final Set<InteractionState> OPEN =
      Set.of(
          InteractionState.NEW,
          InteractionState.IN_FLOW,
          InteractionState.QUEUED,
          InteractionState.OFFERED,
          InteractionState.CONNECTED,
          InteractionState.HELD,
          InteractionState.WRAP_UP);
  private final ChannelType channel;
  private final InteractionService interactions;
  private final ChannelRegistry registry;

  ChannelContextImpl(
      ChannelType channel, InteractionService interactions, ChannelRegistry registry) {
    this.channel = channel;
    this.interactions = interactions;
    this.registry = registry;
  }

  @Override
  public ChannelType channelType() {
    return channel;
  }

  @Override
  public Interaction open(OpenInteraction request) {
    if (!channel.equals(request.channel())) {
      throw new ValidationException(
          "channel", "this plugin serves " + channel + ", not " + request.channel());
    }
    return interactions.open(request);
  }

  @Override
  public Interaction enqueue(String id, QueueRequest request) {
    return interactions.enqueue(own(id), request);
  }

  @Override
  public Interaction accepted(String id, String agentId) {
    return interactions.accept(own(id), agentId);
  }

  @Override
  public Interaction accepted(String id, String agentId, Map<String, String> attributes) {
    return interactions.accept(own(id), agentId, attributes);
  }

  @Override
  public Interaction declined(String id, String agentId, String reason) {
    return interactions.decline(own(id), agentId, reason);
  }

  @Override
  public Interaction noAnswer(String id, String agentId) {
    return interactions.noAnswer(own(id), agentId);
  }

  @Override
  public Interaction noAnswer(String id, String agentId, Map<String, String> attributes) {
    return interactions.noAnswer(own(id), agentId, attributes);
  }

  @Override
  public Interaction dialFailed(String id, String outcome, String note) {
    return interactions.complete(own(id), new Disposition(outcome, note));
  }

  @Override
  public Interaction held(String id) {
    return interactions.hold(own(id));
  }

  @Override
  public Interaction resumed(String id) {
    return interactions.resume(own(id));
  }

  @Override
  public Interaction transferred(String id, TransferTarget target) {
    return interactions.transfer(own(id), target);
  }

  @Override
  public Interaction transferred(String id, TransferTarget target, Map<String, String> attributes) {
    return interactions.transfer(own(id), target, attributes);
  }

  @Override
  public Interaction conversationEnded(String id) {
    return interactions.endConversation(own(id));
  }

  @Override
  public Interaction conversationEnded(String id, Map<String, String> attributes) {
    return interactions.endConversation(own(id), attributes);
  }

  @Override
  public Interaction flowStarted(String id, String flowId) {
    return interactions.startFlow(own(id), flowId);
  }

  @Override
  public Interaction callbackRequested(String id, String address) {
    return interactions.requestCallback(own(id), address);
  }

  @Override
  public Interaction selfServed(String id, String code, String note) {
    return interactions.complete(
        own(id), new org.switchboard.core.api.interaction.Disposition(code, note));
  }

  @Override
  public Interaction abandoned(String id, String reason) {
    return interactions.abandon(own(id), reason);
  }

  @Override
  public void legsRecorded(String id, List<LegRecord> legs) {
    interactions.recordLegs(own(id), legs);
  }

  @Override
  public Interaction updateAttributes(String id, Map<String, String> changes) {
    return interactions.updateAttributes(own(id), changes);
  }

  @Override
  public Optional<Interaction> find(String id) {
    return interactions.find(id).filter(i -> i.channel().equals(channel));
  }

  @Override
  public List<Interaction> openInteractions() {
    List<Interaction> open =
        new ArrayList<>(
            interactions.list(
                new InteractionQuery(OPEN, null, null, channel, InteractionQuery.MAX_LIMIT)));
    Collections.reverse(open);
    return open;
  }

  @Override
  public void reportStatus(ChannelStatus status) {
    registry.reportStatus(channel.id(), status);
  }

  private String own(String id) {
    return find(id)
        .map(Interaction::id)
        .orElseThrow(() -> new NotFoundException(channel + " interaction", id));
  }
}
