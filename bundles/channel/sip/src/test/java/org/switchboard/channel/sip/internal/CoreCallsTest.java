package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.interaction.Direction;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionState;

class CoreCallsTest {
  private static Interaction offered(String id, Direction direction, String queue) {
    Instant now = Instant.now();
    return new Interaction(
        id,
        ChannelType.VOICE,
        null,
        direction,
        "a",
        "b",
        null,
        queue,
        50,
        List.of(),
        Map.of(CallRouting.CALL_ID, "c-" + id),
        InteractionState.OFFERED,
        "agent1",
        null,
        now,
        now,
        null,
        null,
        now,
        3);
  }

  @Test
  void aLostDialIsClosedAndALostQueuedCallAbandoned() {
    FakeCore core = new FakeCore();
    Interaction dial = offered("dial", Direction.OUTBOUND, null);
    Interaction queued = offered("queued", Direction.INBOUND, "support");
    core.interactions.put(dial.id(), dial);
    core.interactions.put(queued.id(), queued);

    CoreCalls.endLost(core, dial);
    CoreCalls.endLost(core, queued);

    assertThat(core.find("dial").orElseThrow().state()).isEqualTo(InteractionState.CLOSED);
    assertThat(core.find("queued").orElseThrow().state()).isEqualTo(InteractionState.ABANDONED);
  }
}
