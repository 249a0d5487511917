package org.switchboard.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigValuesTest {
  @Test
  void oneCommaSeparatedValueAndSeveralValuesMeanTheSame() {
    assertThat(ConfigValues.list("100=queue:support, 101=queue:billing ,200=flow:main"))
        .containsExactly("100=queue:support", "101=queue:billing", "200=flow:main");
    assertThat(ConfigValues.list("100=queue:support", " 101=queue:billing"))
        .containsExactly("100=queue:support", "101=queue:billing");
  }

  @Test
  void emptyEntriesAndNothingAtAll() {
    assertThat(ConfigValues.list("a,,b, ", "")).containsExactly("a", "b");
    assertThat(ConfigValues.list()).isEmpty();
    assertThat(ConfigValues.list((String[]) null)).isEmpty();
    assertThat(ConfigValues.list((String) null)).isEmpty();
  }
}
