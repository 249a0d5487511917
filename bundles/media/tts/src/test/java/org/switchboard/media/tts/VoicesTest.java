package org.switchboard.media.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VoicesTest {
  @Test
  void entriesMapPrimaryLanguagesToVoices() {
    assertThat(Voices.parse(java.util.List.of("en=en-us", " ZH-cn = cmn ")))
        .isEqualTo(Map.of("en", "en-us", "zh", "cmn"));
    assertThat(Voices.primary("zh_TW")).isEqualTo("zh");
  }

  @Test
  void badEntriesAreRefusedWithTheirText() {
    for (String bad : new String[] {"en", "=cmn", "en=", "en=-w", "en=en us", "en=../x"}) {
      assertThatThrownBy(() -> Voices.parse(java.util.List.of(bad)))
          .hasMessageContaining("'" + bad + "'");
    }
  }
}
