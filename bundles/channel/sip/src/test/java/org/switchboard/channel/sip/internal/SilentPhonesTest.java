package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.channel.sip.api.Registration;

class SilentPhonesTest {
  private static SipStore.Binding phone(String contact, long cseq) {
    return new SipStore.Binding(
        new Registration("agent1", contact, Instant.now().plusSeconds(600), "127.0.0.1:5070", "x"),
        "reg-" + contact,
        cseq);
  }

  @Test
  void aSilentPhoneIsSkippedUntilItRegistersAgain() {
    SilentPhones silent = new SilentPhones();
    SipStore.Binding desk = phone("sip:agent1@10.0.0.5", 7);
    SipStore.Binding soft = phone("sip:agent1@10.0.0.9", 3);
    silent.silent("agent1", desk.registration().contact(), 7);

    assertThat(silent.worthRinging("agent1", List.of(desk, soft))).containsExactly(soft);
    assertThat(silent.worthRinging("agent2", List.of(desk, soft)))
        .as("marks are per agent")
        .containsExactly(desk, soft);

    SipStore.Binding refreshed = phone(desk.registration().contact(), 8);
    assertThat(silent.worthRinging("agent1", List.of(refreshed, soft)))
        .as("a new REGISTER shows the phone is back")
        .containsExactly(refreshed, soft);
    assertThat(silent.worthRinging("agent1", List.of(desk, soft)))
        .as("and the mark is gone")
        .containsExactly(desk, soft);
  }

  @Test
  void whenEveryPhoneIsSilentAllAreRungAnyway() {
    SilentPhones silent = new SilentPhones();
    SipStore.Binding desk = phone("sip:agent1@10.0.0.5", 7);
    silent.silent("agent1", desk.registration().contact(), 7);
    assertThat(silent.worthRinging("agent1", List.of(desk))).containsExactly(desk);
  }
}
