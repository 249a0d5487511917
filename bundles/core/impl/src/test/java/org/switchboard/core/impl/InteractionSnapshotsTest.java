package org.switchboard.core.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.event.EventTypes;
import org.switchboard.core.api.interaction.Direction;
import org.switchboard.core.api.interaction.Disposition;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.interaction.OpenInteraction;
import org.switchboard.core.api.interaction.QueueRequest;

/** Reads served from committed snapshots show exactly what the database holds. */
class InteractionSnapshotsTest {
  private TestCore core;

  @BeforeEach
  void setUp() {
    core = new TestCore();
    core.queue("support");
  }

  @AfterEach
  void tearDown() throws Exception {
    core.close();
  }

  private Interaction queued() {
    Interaction i =
        core.interactions.open(
            new OpenInteraction(
                ChannelType.CHAT, null, Direction.INBOUND, "visitor", "web", null, Map.of()));
    return core.interactions.enqueue(i.id(), QueueRequest.to("support"));
  }

  private Interaction fromDatabase(String id) {
    return core.store.read(c -> InteractionRows.find(c, id)).orElseThrow();
  }

  @Test
  void aRolledBackChangeLeavesTheCommittedStateToBeRead() {
    Interaction q = queued();
    assertThatThrownBy(
            () ->
                core.store.write(
                    c -> {
                      InteractionServiceImpl.apply(
                          core.store,
                          c,
                          q.id(),
                          InteractionOperation.ABANDON,
                          EventTypes.INTERACTION_ABANDONED,
                          "x",
                          (cc, cur, d, now) -> d.endedAt = now);
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(core.interactions.find(q.id())).contains(q).contains(fromDatabase(q.id()));
    assertThat(core.interactions.abandon(q.id(), "caller-hung-up").version())
        .isEqualTo(q.version() + 1);
  }

  @Test
  void twoChangesOfOneInteractionInOneTransactionBothApply() {
    Interaction q = queued();
    Interaction after =
        core.store.write(
            c -> {
              for (String value : new String[] {"1", "2"}) {
                InteractionServiceImpl.apply(
                    core.store,
                    c,
                    q.id(),
                    InteractionOperation.UPDATE_ATTRIBUTES,
                    EventTypes.INTERACTION_ATTRIBUTES_UPDATED,
                    null,
                    (cc, cur, d, now) -> d.attributes = Map.of("step", value));
              }
              return InteractionRows.find(c, q.id()).orElseThrow();
            });
    assertThat(after.version()).isEqualTo(q.version() + 2);
    assertThat(core.interactions.find(q.id())).contains(after).contains(fromDatabase(q.id()));
  }

  @Test
  void readsDoNotFillTheSnapshots() throws Exception {
    String url =
        "jdbc:h2:mem:snap-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL";
    try (TestCore writer = new TestCore(url);
        TestCore reader = new TestCore(url)) {
      writer.queue("support");
      Interaction i =
          writer.interactions.open(
              new OpenInteraction(
                  ChannelType.CHAT, null, Direction.INBOUND, "visitor", "web", null, Map.of()));
      assertThat(reader.interactions.find(i.id())).contains(i);
      assertThat(reader.store.snapshots.get(i.id()))
          .as("a row read outside the write lock may be outdated by then")
          .isEmpty();
      writer.interactions.abandon(i.id(), "caller-hung-up");
      assertThat(reader.interactions.find(i.id()).orElseThrow().state())
          .isEqualTo(InteractionState.ABANDONED);
    }
  }

  @Test
  void aFinalInteractionIsKeptAsCommittedAndRefusesFurtherChanges() {
    Interaction q = queued();
    Interaction gone = core.interactions.abandon(q.id(), "caller-hung-up");
    assertThat(core.store.snapshots.get(q.id())).contains(gone).contains(fromDatabase(q.id()));
    assertThat(core.store.snapshots.size()).as("open interactions kept").isZero();
    assertThat(core.interactions.find(q.id())).contains(gone);
    assertThat(core.interactions.find(q.id()).orElseThrow().state())
        .isEqualTo(InteractionState.ABANDONED);
    assertThatThrownBy(() -> core.interactions.complete(q.id(), new Disposition("x", "")))
        .hasMessageContaining("ABANDONED");
    assertThat(core.interactions.find(q.id())).contains(fromDatabase(q.id()));
  }

  @Test
  void onlyTheMostRecentlyEndedAreKeptTheOlderAreReadFromTheDatabase() {
    InteractionSnapshots snapshots = new InteractionSnapshots();
    Interaction first = core.interactions.abandon(queued().id(), "caller-hung-up");
    snapshots.offer(first);
    Interaction last = first;
    for (int k = 0; k < InteractionSnapshots.RECENTLY_ENDED; k++) {
      last = withId(first, "ended-" + k);
      snapshots.offer(last);
    }
    assertThat(snapshots.get(first.id())).isEmpty();
    assertThat(snapshots.get(last.id())).contains(last);
    assertThat(core.interactions.find(first.id())).contains(first);
  }

  private static Interaction withId(Interaction i, String id) {
    return new Interaction(
        id,
        i.channel(),
        i.channelRef(),
        i.direction(),
        i.from(),
        i.to(),
        i.customerRef(),
        i.queue(),
        i.priority(),
        i.requiredSkills(),
        i.attributes(),
        i.state(),
        i.agent(),
        i.disposition(),
        i.createdAt(),
        i.queuedAt(),
        i.answeredAt(),
        i.endedAt(),
        i.updatedAt(),
        i.version());
  }
}
