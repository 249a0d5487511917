package org.switchboard.ops.webconsole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.ValidationException;

class FieldsTest {
  private static JsonNode body(String json) throws Exception {
    return SwitchboardPage.JSON.readTree(json);
  }

  @Test
  void numbersFallBackWhenBlankAndNameTheFieldWhenWrong() throws Exception {
    assertThat(Fields.number(body("{\"n\":\" 42 \"}"), "n", 1)).isEqualTo(42);
    assertThat(Fields.number(body("{\"n\":\"\"}"), "n", 7)).isEqualTo(7);
    assertThat(Fields.number(body("{}"), "n", 7)).isEqualTo(7);
    assertThatThrownBy(() -> Fields.number(body("{\"n\":\"4.5\"}"), "n", 1))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("n")
        .hasMessageContaining("4.5");
  }

  @Test
  void skillLevelsAreNameColonLevelPairs() throws Exception {
    var levels = Fields.skillLevels(body("{\"s\":\"billing:5 , english : 8\"}"), "s");
    assertThat(levels)
        .extracting(l -> l.skill() + "=" + l.level())
        .containsExactly("billing=5", "english=8");
    assertThat(Fields.skillLevels(body("{\"s\":\"\"}"), "s")).isEmpty();
    assertThatThrownBy(() -> Fields.skillLevels(body("{\"s\":\"billing:5, billing:6\"}"), "s"))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> Fields.skillLevels(body("{\"s\":\"billing:11\"}"), "s"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Fields.requirements(body("{\"s\":\"billing=3\"}"), "s"))
        .hasMessageContaining("name:level");
  }

  @Test
  void capacityLeavesBlankChannelsOutAndRefusesWords() throws Exception {
    var capacity =
        Fields.capacity(body("{\"c\":{\"voice\":\"1\",\"chat\":\"3\",\"email\":\"\"}}"), "c");
    assertThat(capacity).containsEntry(ChannelType.VOICE, 1).containsEntry(ChannelType.CHAT, 3);
    assertThat(capacity).doesNotContainKey(ChannelType.EMAIL);
    assertThatThrownBy(() -> Fields.capacity(body("{\"c\":{\"voice\":\"many\"}}"), "c"))
        .hasMessageContaining("c.voice");
  }

  @Test
  void namesSplitOnCommasAndSpaces() throws Exception {
    assertThat(Fields.names(body("{\"t\":\"sales, night  weekend\"}"), "t"))
        .containsExactly("sales", "night", "weekend");
  }
}
