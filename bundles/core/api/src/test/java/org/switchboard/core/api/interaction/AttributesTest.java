package org.switchboard.core.api.interaction;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.core.api.ValidationException;

class AttributesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "sip.callId",
        "crm_order-no.2",
        "Z012345678901234567890123456789012345678901234567890123456789012" // 64 characters, the
        // most
      })
  void takesKeysOfALetterThenLettersDigitsDotsUnderscoresAndDashes(String key) {
    assertEquals(Map.of(key, "v"), Attributes.checked(Map.of(key, "v")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1abc",
        ".abc",
        "a b",
        "a/b",
        "ä",
        "aä",
        "Z0123456789012345678901234567890123456789012345678901234567890123" // 65
      })
  void refusesOtherKeysNamingThem(String key) {
    assertThatThrownBy(() -> Attributes.checked(Map.of(key, "v")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("'" + key + "'");
  }

  @Test
  void nullIsNoAttributes() {
    assertEquals(Map.of(), Attributes.checked(null));
  }
}
