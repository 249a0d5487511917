package org.switchboard.ops.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.queue.Queue;

class CommandOutputTest {

  @Test
  void jsonWritesChannelTypesAsIdsAndTimesAsIso() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Output.json(
        new PrintStream(bytes, true, StandardCharsets.UTF_8),
        new Queue(
            "support",
            "Support",
            Set.of(ChannelType.CHAT),
            List.of(),
            5,
            Duration.ofSeconds(20),
            80,
            null,
            null,
            3));
    String json = bytes.toString(StandardCharsets.UTF_8);
    assertThat(json)
        .contains("\"channels\":[\"chat\"]")
        .contains("\"serviceLevelThreshold\":\"PT20S\"");
  }

  @Test
  void coreErrorsBecomeOneLine() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Object result =
        Output.guarded(
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            () -> {
              throw new NotFoundException("agent", "zed");
            });
    assertThat(result).isNull();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("Error: no agent with id 'zed'" + System.lineSeparator());
  }
}
