package org.switchboard.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.interaction.Attributes;
import org.switchboard.core.api.interaction.CustomerMatch;
import org.switchboard.core.api.interaction.CustomerResolver;
import org.switchboard.core.api.interaction.Direction;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.OpenInteraction;

class CustomerLookupTest {
  private TestCore core;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void setUp() {
    core = new TestCore();
  }

  @AfterEach
  void tearDown() throws Exception {
    release.countDown();
    core.close();
  }

  private static OpenInteraction call(String from, String customerRef, Map<String, String> attrs) {
    return new OpenInteraction(
        ChannelType.VOICE, null, Direction.INBOUND, from, "100", customerRef, attrs);
  }

  private static CustomerResolver knows(String number, String ref, Map<String, String> attrs) {
    return r ->
        r.from().equals(number) ? Optional.of(new CustomerMatch(ref, attrs)) : Optional.empty();
  }

  private void add(CustomerResolver resolver, int ranking) {
    core.customers.addResolver(resolver, Map.of(Constants.SERVICE_RANKING, ranking));
  }

  @Test
  void aKnownCallerOpensWithTheirCustomerAndPriorityTheChannelsAttributesWin() {
    add(
        knows(
            "+4930111",
            "c-1",
            Map.of(Attributes.CUSTOMER_PRIORITY, "40", Attributes.VIP, "true", "crm.tier", "gold")),
        0);

    Interaction i =
        core.interactions.open(call("+4930111", null, Map.of(Attributes.CUSTOMER_PRIORITY, "10")));

    assertThat(i.customerRef()).isEqualTo("c-1");
    assertThat(i.attributes())
        .containsEntry(Attributes.CUSTOMER_PRIORITY, "10")
        .containsEntry(Attributes.VIP, "true")
        .containsEntry("crm.tier", "gold");
    assertThat(core.interactions.find(i.id()).orElseThrow().customerRef()).isEqualTo("c-1");
  }

  @Test
  void unknownCallersAndRequestsThatNameTheirCustomerAreLeftAsTheyAre() {
    add(knows("+4930111", "c-1", Map.of()), 0);

    assertThat(core.interactions.open(call("+4930999", null, Map.of())).customerRef()).isNull();
    assertThat(core.interactions.open(call("+4930111", "given", Map.of())).customerRef())
        .isEqualTo("given");
  }

  @Test
  void resolversAreAskedInRankingOrderAndTheFirstMatchWins() {
    add(knows("+4930111", "external", Map.of()), 0);
    add(knows("+4930111", "builtin", Map.of()), 100);

    assertThat(core.interactions.open(call("+4930111", null, Map.of())).customerRef())
        .isEqualTo("builtin");

    core.customers.removeResolver(core.customers.resolversForTest().get(0));
    assertThat(core.interactions.open(call("+4930111", null, Map.of())).customerRef())
        .isEqualTo("external");
  }

  @Test
  void aSlowOrBrokenResolverCostsAtMostTheTimeoutAndTheInteractionStillOpens() {
    core.customers.modified(TestCore.lookupTimeout(100));
    add(
        r -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Optional.of(new CustomerMatch("late", Map.of()));
        },
        100);

    long start = System.nanoTime();
    Interaction slow = core.interactions.open(call("+4930111", null, Map.of()));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(slow.customerRef()).isNull();
    assertThat(took).isLessThan(Duration.ofSeconds(10));
    assertThat(core.customers.misses()[0]).isEqualTo(1);

    core.customers.removeResolver(core.customers.resolversForTest().get(0));
    add(
        r -> {
          throw new IllegalStateException("CRM bug");
        },
        0);
    assertThat(core.interactions.open(call("+4930111", null, Map.of())).customerRef()).isNull();
    assertThat(core.customers.misses()[1]).isEqualTo(1);
  }

  @Test
  void aMatchWithAttributesTheInteractionCannotTakeIsIgnored() {
    Map<String, String> many = new java.util.HashMap<>();
    for (int n = 0; n < Attributes.MAX_COUNT; n++) {
      many.put("crm.f" + n, "x");
    }
    add(knows("+4930111", "c-1", many), 0);

    Interaction i = core.interactions.open(call("+4930111", null, Map.of("sip.callId", "abc")));

    assertThat(i.customerRef()).isNull();
    assertThat(i.attributes()).containsEntry("sip.callId", "abc");
  }
}
