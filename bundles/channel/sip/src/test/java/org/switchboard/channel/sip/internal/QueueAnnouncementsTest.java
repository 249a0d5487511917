package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.switchboard.acd.api.WaitExplanation;

class QueueAnnouncementsTest {
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    timers.shutdownNow();
  }

  @Test
  void saysThePlaceTheExpectedWaitAndTheCallbackOffer() {
    QueueAnnouncements a = announcements("Your expected wait is about {wait}.");
    assertThat(a.text(waiting(3, Duration.ofSeconds(130)), "Press 1 to be called back."))
        .isEqualTo(
            "You are number 3 in line. Your expected wait is about 3 minutes."
                + " Press 1 to be called back.");
  }

  @Test
  void anUnknownOrZeroWaitAndNoOfferLeaveJustThePlace() {
    QueueAnnouncements a = announcements("Your expected wait is about {wait}.");
    assertThat(a.text(waiting(2, null), "")).isEqualTo("You are number 2 in line.");
    assertThat(a.text(waiting(1, Duration.ZERO), "")).isEqualTo("You are number 1 in line.");
    assertThat(announcements("").text(waiting(4, Duration.ofMinutes(9)), ""))
        .isEqualTo("You are number 4 in line.");
  }

  @Test
  void minutesAreRoundedUpAndSaidInTheLanguage() {
    assertThat(QueueAnnouncements.minutes(Duration.ofSeconds(5), "en")).isEqualTo("1 minute");
    assertThat(QueueAnnouncements.minutes(Duration.ofSeconds(61), "en")).isEqualTo("2 minutes");
    assertThat(QueueAnnouncements.minutes(Duration.ofMinutes(4), "zh")).isEqualTo("4 分钟");
  }

  @Test
  void aWaitTemplateWithoutItsPlaceholderIsRefused() {
    assertThatThrownBy(() -> announcements("We are busy."))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{wait}");
  }

  @Test
  void theCallbackDigitMustBeAKeypadKey() {
    assertThatThrownBy(() -> offers("12"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("callbackDigit");
  }

  @Test
  void aBusyOrUnansweredCallbackIsTriedAgainUntilTheLastAttempt() {
    CallbackOffers offers = offers("1");
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    assertThat(offers.nextAttempt(1, "busy", now)).contains(now.plusSeconds(600));
    assertThat(offers.nextAttempt(2, "no-answer", now)).contains(now.plusSeconds(600));
    assertThat(offers.nextAttempt(3, "busy", now)).isEmpty();
    assertThat(offers.nextAttempt(1, "invalid-number", now)).isEmpty();
    assertThat(offers.nextAttempt(1, "rejected", now)).isEmpty();
  }

  /** Offers for queue support, three attempts ten minutes apart, taken with {@code digit}. */
  private static CallbackOffers offers(String digit) {
    return new CallbackOffers(
        List.of("support"),
        3,
        Duration.ofMinutes(10),
        digit,
        "press {digit}",
        "bye",
        "en",
        null,
        () -> null,
        null,
        Runnable::run);
  }

  private QueueAnnouncements announcements(String waitTemplate) {
    return new QueueAnnouncements(
        Duration.ofSeconds(30),
        "You are number {position} in line.",
        waitTemplate,
        "en",
        null,
        timers,
        Runnable::run,
        () -> null,
        null);
  }

  private static WaitExplanation waiting(int position, Duration expected) {
    return new WaitExplanation(
        "i-1",
        "support",
        Duration.ofSeconds(40),
        position,
        position - 1,
        "none",
        List.of(),
        2,
        Map.of(),
        "all busy",
        (Instant) null,
        expected);
  }
}
