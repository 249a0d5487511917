package org.switchboard.core.impl;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.conversation.ConversationListener;
import org.switchboard.core.api.conversation.ConversationService;
import org.switchboard.core.api.conversation.Message;
import org.switchboard.core.api.conversation.NewMessage;
import org.switchboard.core.api.conversation.Party;
import org.switchboard.core.api.conversation.Receipt;
import org.switchboard.core.api.interaction.Interaction;

/**
 * Transcripts in the core's database. Messages do not take the core's write lock (they change no
 * interaction): appends to one conversation are serialised by one of {@value #STRIPES} striped
 * locks, which keeps sequence numbers gap-free and the clientId check race-free.
 */
@Component(service = ConversationService.class)
public class ConversationServiceImpl implements ConversationService {
  private static final Logger LOG = LoggerFactory.getLogger(ConversationServiceImpl.class);
  private static final int STRIPES = 64;

  private final CoreStore store;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
  private final List<ConversationListener> listeners = new CopyOnWriteArrayList<>();

  @Activate
  public ConversationServiceImpl(@Reference CoreStore store) {
    this.store = store;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addListener(ConversationListener listener) {
    listeners.add(listener);
  }

  void removeListener(ConversationListener listener) {
    listeners.remove(listener);
  }

  @Override
  public Message append(String interactionId, NewMessage m) {
    if (m == null) {
      throw new ValidationException("message", "is required");
    }
    Interaction interaction = openConversation(interactionId, "append a message to");
    ReentrantLock lock = lockOf(interaction.id());
    Message stored;
    lock.lock();
    try {
      Optional<Message> resent =
          m.clientId() == null
              ? Optional.empty()
              : store.read(
                  c -> ConversationRows.byClientId(c, interaction.id(), m.party(), m.clientId()));
      if (resent.isPresent()) {
        return resent.get();
      }
      stored =
          store.read(
              c -> {
                Message next =
                    new Message(
                        interaction.id(),
                        ConversationRows.lastSeq(c, interaction.id()) + 1,
                        m.party(),
                        m.author(),
                        m.clientId(),
                        m.text(),
                        m.attachment(),
                        m.visibility(),
                        Rows.now());
                ConversationRows.insert(c, next);
                return next;
              });
    } finally {
      lock.unlock();
    }
    notifyListeners(l -> l.appended(stored));
    return stored;
  }

  @Override
  public List<Message> history(String interactionId, long afterSeq, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new ValidationException(
          "limit", "must be between 1 and " + MAX_PAGE + ", got " + limit);
    }
    return store.read(c -> ConversationRows.after(c, interactionId, Math.max(0, afterSeq), limit));
  }

  @Override
  public long count(String interactionId) {
    return store.read(c -> ConversationRows.count(c, interactionId));
  }

  @Override
  public void receipt(Receipt r) {
    if (r == null || r.reader() == null || r.kind() == null || r.seq() < 1) {
      throw new ValidationException("receipt", "needs a reader, a kind and a sequence number >= 1");
    }
    if (r.reader() != Party.CUSTOMER && r.reader() != Party.AGENT) {
      throw new ValidationException("reader", "receipts are the customer's or the agent's");
    }
    Interaction interaction = find(r.interactionId());
    ReentrantLock lock = lockOf(interaction.id());
    Optional<Receipt> moved;
    lock.lock();
    try {
      moved =
          store.read(
              c -> {
                long last = ConversationRows.lastSeq(c, interaction.id());
                Receipt capped =
                    new Receipt(interaction.id(), r.reader(), r.kind(), Math.min(r.seq(), last));
                return capped.seq() > 0 && ConversationRows.advance(c, capped)
                    ? Optional.of(capped)
                    : Optional.<Receipt>empty();
              });
    } finally {
      lock.unlock();
    }
    moved.ifPresent(capped -> notifyListeners(l -> l.receipt(capped)));
  }

  @Override
  public List<Receipt> receipts(String interactionId) {
    return store.read(c -> ConversationRows.receipts(c, interactionId));
  }

  @Override
  public void typing(String interactionId, Party party, String author) {
    if (party == null) {
      throw new ValidationException("party", "is required");
    }
    openConversation(interactionId, "signal typing in");
    notifyListeners(l -> l.typing(interactionId, party, author));
  }

  private Interaction openConversation(String interactionId, String operation) {
    return Conversations.requireOpen(store, interactionId, operation);
  }

  private Interaction find(String interactionId) {
    return Conversations.find(store, interactionId);
  }

  private ReentrantLock lockOf(String interactionId) {
    return locks[Math.floorMod(interactionId.hashCode(), STRIPES)];
  }

  private void notifyListeners(Consumer<ConversationListener> call) {
    for (ConversationListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        LOG.warn("conversation listener {} failed", l, e);
      }
    }
  }
}
