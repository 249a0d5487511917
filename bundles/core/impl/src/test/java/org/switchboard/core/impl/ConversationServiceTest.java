package org.switchboard.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.IllegalTransitionException;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.conversation.ConversationListener;
import org.switchboard.core.api.conversation.Message;
import org.switchboard.core.api.conversation.NewMessage;
import org.switchboard.core.api.conversation.Party;
import org.switchboard.core.api.conversation.Receipt;
import org.switchboard.core.api.conversation.Visibility;
import org.switchboard.core.api.interaction.Direction;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.OpenInteraction;

class ConversationServiceTest {
  private TestCore core;
  private final List<Message> heard = Collections.synchronizedList(new ArrayList<>());
  private final List<Receipt> receipts = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() {
    core = new TestCore();
    core.queue("support");
    core.conversations.addListener(
        new ConversationListener() {
          @Override
          public void appended(Message message) {
            heard.add(message);
          }

          @Override
          public void receipt(Receipt receipt) {
            receipts.add(receipt);
          }
        });
  }

  @AfterEach
  void tearDown() throws Exception {
    core.close();
  }

  private Interaction open(ChannelType channel) {
    return core.interactions.open(
        new OpenInteraction(channel, null, Direction.INBOUND, "visitor", "web", null, Map.of()));
  }

  @Test
  void messagesAreNumberedInOrderAcrossParties() {
    String id = open(ChannelType.CHAT).id();
    Message a = core.conversations.append(id, NewMessage.text(Party.CUSTOMER, "Li", "v-1", "hi"));
    Message b = core.conversations.append(id, NewMessage.text(Party.AGENT, "Ann", "d-1", "hello"));
    Message c = core.conversations.append(id, NewMessage.text(Party.CUSTOMER, "Li", "v-2", "ok"));
    assertEquals(List.of(1L, 2L, 3L), List.of(a.seq(), b.seq(), c.seq()));
    assertEquals(List.of(a, b, c), core.conversations.history(id, 0, 10));
    assertEquals(List.of(c), core.conversations.history(id, 2, 10));
    assertEquals(3, core.conversations.count(id));
    assertEquals(3, heard.size());
  }

  @Test
  void aResentClientIdIsStoredOnceAndNotAnnouncedAgain() {
    String id = open(ChannelType.CHAT).id();
    Message first =
        core.conversations.append(id, NewMessage.text(Party.CUSTOMER, "Li", "v-1", "hi"));
    Message again =
        core.conversations.append(id, NewMessage.text(Party.CUSTOMER, "Li", "v-1", "hi"));
    assertEquals(first, again);
    // The same number from the other party is another message.
    Message agent = core.conversations.append(id, NewMessage.text(Party.AGENT, "Ann", "v-1", "yo"));
    assertEquals(2, agent.seq());
    assertEquals(2, core.conversations.count(id));
    assertEquals(2, heard.size());
  }

  @Test
  void concurrentWritersGetDistinctGapFreeNumbers() throws Exception {
    String id = open(ChannelType.CHAT).id();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Message>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String clientId = "v-" + (i % 100); // every message twice
        futures.add(
            pool.submit(
                () ->
                    core.conversations.append(
                        id, NewMessage.text(Party.CUSTOMER, "Li", clientId, "m"))));
      }
      Set<Long> seqs = new TreeSet<>();
      for (Future<Message> f : futures) {
        seqs.add(f.get().seq());
      }
      assertEquals(100, seqs.size());
      assertEquals(1L, seqs.iterator().next());
      assertEquals(100L, ((TreeSet<Long>) seqs).last());
    } finally {
      pool.shutdownNow();
    }
    assertEquals(100, core.conversations.count(id));
  }

  @Test
  void receiptsOnlyMoveForwardAndStopAtTheLastMessage() {
    String id = open(ChannelType.CHAT).id();
    core.conversations.append(id, NewMessage.text(Party.AGENT, "Ann", null, "a"));
    core.conversations.append(id, NewMessage.text(Party.AGENT, "Ann", null, "b"));
    core.conversations.receipt(new Receipt(id, Party.CUSTOMER, Receipt.Kind.READ, 1));
    core.conversations.receipt(new Receipt(id, Party.CUSTOMER, Receipt.Kind.READ, 1));
    core.conversations.receipt(new Receipt(id, Party.CUSTOMER, Receipt.Kind.READ, 99));
    core.conversations.receipt(new Receipt(id, Party.CUSTOMER, Receipt.Kind.DELIVERED, 2));
    assertEquals(
        List.of(
            new Receipt(id, Party.CUSTOMER, Receipt.Kind.DELIVERED, 2),
            new Receipt(id, Party.CUSTOMER, Receipt.Kind.READ, 2)),
        core.conversations.receipts(id));
    assertEquals(3, receipts.size(), "1, then capped 99 -> 2, then delivered; not the repeat");
  }

  @Test
  void voiceCallsAndEndedConversationsTakeNoMessages() {
    String call = open(ChannelType.VOICE).id();
    assertThrows(
        IllegalTransitionException.class,
        () -> core.conversations.append(call, NewMessage.text(Party.AGENT, "Ann", null, "x")));
    String chat = open(ChannelType.CHAT).id();
    core.interactions.abandon(chat, "left");
    assertThrows(
        IllegalTransitionException.class,
        () -> core.conversations.append(chat, NewMessage.text(Party.CUSTOMER, "Li", null, "x")));
    assertThrows(
        NotFoundException.class,
        () -> core.conversations.append("nope", NewMessage.text(Party.CUSTOMER, "Li", null, "x")));
    assertTrue(heard.isEmpty());
  }

  @Test
  void badMessagesAreRefusedWithTheField() {
    assertEquals(
        "text",
        assertThrows(ValidationException.class, () -> NewMessage.text(Party.AGENT, "A", null, " "))
            .field());
    assertEquals(
        "text",
        assertThrows(
                ValidationException.class,
                () -> NewMessage.text(Party.AGENT, "A", null, "x".repeat(NewMessage.MAX_TEXT + 1)))
            .field());
    assertEquals(
        "clientId",
        assertThrows(
                ValidationException.class, () -> NewMessage.text(Party.AGENT, "A", "<script>", "x"))
            .field());
    assertEquals(
        "visibility",
        assertThrows(
                ValidationException.class,
                () -> new NewMessage(Party.CUSTOMER, "Li", null, "x", null, Visibility.AGENTS))
            .field());
  }
}
