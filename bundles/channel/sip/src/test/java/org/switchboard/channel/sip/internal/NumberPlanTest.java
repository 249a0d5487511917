package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.channel.sip.internal.EntryPoint.Kind;

class NumberPlanTest {
  private static final NumberPlan NO_ROUTES_DE = new NumberPlan("DE", List.of());
  private static final NumberPlan NO_ROUTES_US = new NumberPlan("US", List.of());

  private static NumberPlan berlin() {
    return new NumberPlan(
        "DE",
        List.of(
            "100=queue:sales",
            "030 1234567=queue:support",
            "+49 89 4711-0 = flow:ivr-main",
            "*21#=flow:forward.check",
            "+1 (212) 555-0100=queue:us_desk"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "+49 30 1234567      | +49301234567",
        "+49-30-1234567      | +49301234567",
        "+49 (0)30 1234567   | +49301234567",
        "030 1234567         | +49301234567",
        "030/123 45 67       | +49301234567",
        "(030) 123.45.67     | +49301234567",
        "0049 30 1234567     | +49301234567",
        "tel:+49-30-1234567  | +49301234567",
        "TEL:030-1234567     | +49301234567",
        "0301234567;phone-context=example.com | +49301234567",
        "0151 23456789       | +4915123456789",
        "+1 212 555 0100     | +12125550100",
        "00 1 212 555 0100   | +12125550100",
      })
  void writtenFormsInGermanyBecomeE164(String written, String e164) {
    assertThat(NO_ROUTES_DE.normalize(written)).isEqualTo(e164);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "(212) 555-0100      | +12125550100",
        "212.555.0100        | +12125550100",
        "1 212 555 0100      | +12125550100",
        "1-212-555-0100      | +12125550100",
        "+1 212-555-0100     | +12125550100",
        "011 49 30 1234567   | +49301234567",
        "+49 30 1234567      | +49301234567",
      })
  void writtenFormsInTheUsBecomeE164(String written, String e164) {
    assertThat(NO_ROUTES_US.normalize(written)).isEqualTo(e164);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "DE | 100     | 100",
        "DE | 2000    | 2000",
        "DE | 1234567 | 1234567",
        "DE | 112     | 112",
        "DE | *21#    | *21#",
        "DE | #31#0301234567 | #31#0301234567",
        "DE | 10-0    | 100",
        "US | 100     | 100",
        "US | 911     | 911",
        "US | 1000    | 1000",
        "US | 555-0100 | 5550100",
        "DE | +100    | +100",
        "DE | +4930   | +4930",
        "DE | 0       | 0",
      })
  void shortNumbersStayAsTheyAre(String region, String written, String cleaned) {
    assertThat(new NumberPlan(region, List.of()).normalize(written)).isEqualTo(cleaned);
  }

  @Test
  void withoutARegionOnlyInternationalNumbersBecomeE164() {
    for (String none : new String[] {"ZZ", "zz", "", " ", null}) {
      NumberPlan plan = new NumberPlan(none, List.of());
      assertThat(plan.region()).isEqualTo("ZZ");
      assertThat(plan.normalize("+49 30 1234567")).isEqualTo("+49301234567");
      assertThat(plan.normalize("030 1234567")).isEqualTo("0301234567");
      assertThat(plan.normalize("100")).isEqualTo("100");
    }
  }

  @Test
  void tooLongNumbersAreNoNumbers() {
    assertThat(NO_ROUTES_DE.normalize("+4930123456789012345")).isEqualTo("+4930123456789012345");
    String sixtyFour = "1".repeat(NumberPlan.MAX_LENGTH);
    assertThat(NO_ROUTES_DE.normalize(sixtyFour)).isEqualTo(sixtyFour);
    assertThat(NO_ROUTES_DE.normalize(sixtyFour + "1")).isEmpty();
    assertThat(NO_ROUTES_DE.normalize("1".repeat(10_000))).isEmpty();
  }

  @Test
  void routesMatchEveryWrittenFormOfTheirNumber() {
    NumberPlan plan = berlin();
    EntryPoint support = new EntryPoint(Kind.QUEUE, "support");
    assertThat(plan.route("+4930 1234567")).contains(support);
    assertThat(plan.route("030-1234567")).contains(support);
    assertThat(plan.route("00491234567")).isEmpty();
    assertThat(plan.route("tel:+49-30-1234567")).contains(support);
    assertThat(plan.route("0301234567;phone-context=+49")).contains(support);
    assertThat(plan.route("+49894711 0")).contains(new EntryPoint(Kind.FLOW, "ivr-main"));
    assertThat(plan.route("0894711-0")).contains(new EntryPoint(Kind.FLOW, "ivr-main"));
    assertThat(plan.route("0012125550100")).contains(new EntryPoint(Kind.QUEUE, "us_desk"));
  }

  @Test
  void shortNumbersMatchOnlyThemselves() {
    NumberPlan plan = berlin();
    assertThat(plan.route("100")).contains(new EntryPoint(Kind.QUEUE, "sales"));
    assertThat(plan.route("*21#")).contains(new EntryPoint(Kind.FLOW, "forward.check"));
    assertThat(plan.route("+49100")).isEmpty();
    assertThat(plan.route("0100")).isEmpty();
    assertThat(plan.route("1000")).isEmpty();
    assertThat(plan.route("10")).isEmpty();
    assertThat(plan.route("*21")).isEmpty();
  }

  @Test
  void missesAreEmpty() {
    NumberPlan plan = berlin();
    assertThat(plan.route("030 1234568")).isEmpty();
    assertThat(plan.route("+1 212 555 0101")).isEmpty();
    assertThat(plan.route("")).isEmpty();
    assertThat(plan.route(null)).isEmpty();
    assertThat(new NumberPlan("DE", null).route("100")).isEmpty();
  }

  @Test
  void theSameRoutesInAnotherRegionMeanOtherNumbers() {
    NumberPlan plan = new NumberPlan("AT", List.of("030 1234567=queue:vienna"));
    assertThat(plan.route("+43 30 1234567")).isPresent();
    assertThat(plan.route("+49 30 1234567")).isEmpty();
  }

  @Test
  void describeListsRoutesByNumberWithTheirWrittenForm() {
    assertThat(berlin().describe())
        .containsExactly(
            "*21# -> flow:forward.check",
            "+12125550100 -> queue:us_desk (written '+1 (212) 555-0100')",
            "+49301234567 -> queue:support (written '030 1234567')",
            "+498947110 -> flow:ivr-main (written '+49 89 4711-0')",
            "100 -> queue:sales");
  }

  @Test
  void blankRouteEntriesAreSkipped() {
    NumberPlan plan = new NumberPlan("DE", Arrays.asList("", "  ", "100=queue:sales"));
    assertThat(plan.describe()).containsExactly("100 -> queue:sales");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "100",
        "100:queue:sales",
        "=queue:sales",
        " =queue:sales",
        "sales=queue:sales",
        "sip:100@pbx=queue:sales",
        "100=",
        "100=queue:",
        "100=queue",
        "100=sales",
        "100=Queue:sales",
        "100=agent:ann",
        "100=queue:-sales",
        "100=queue:sales team",
        "100=queue:sales=eu",
        "100=flow:ivr/main",
        "100=queue:sales\r\nVia: x",
        "1+00=queue:sales",
      })
  void badRouteEntriesAreNamed(String entry) {
    String shown = entry.replaceAll("\\p{Cntrl}", "?");
    assertThatThrownBy(() -> new NumberPlan("DE", List.of("200=queue:ok", entry)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("route entry '" + shown + "': ");
  }

  @Test
  void badRouteEntryMessagesSayWhatIsWrong() {
    assertThatThrownBy(() -> new NumberPlan("DE", List.of("100=queue:a b")))
        .hasMessageContaining("must be 1-64 letters, digits");
    assertThatThrownBy(() -> new NumberPlan("DE", List.of("100=agent:ann")))
        .hasMessageContaining("queue:<queueId> or flow:<flowId>");
    assertThatThrownBy(() -> new NumberPlan("DE", List.of("abc=queue:a")))
        .hasMessageContaining("'abc' is not a phone number");
    assertThatThrownBy(() -> new NumberPlan("DE", List.of("1".repeat(65) + "=queue:a")))
        .hasMessageContaining("longer than 64 characters");
    assertThatThrownBy(() -> new NumberPlan("DE", List.of("1".repeat(10_000) + "=queue:a")))
        .message()
        .hasSizeLessThan(200);
    assertThatThrownBy(() -> new NumberPlan("DE", Arrays.asList("100=queue:a", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("route entry is null");
  }

  @Test
  void twoEntriesForOneNumberAreRefused() {
    assertThatThrownBy(
            () -> new NumberPlan("DE", List.of("030 1234567=queue:a", "+49301234567=flow:b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "route entries '030 1234567=queue:a' and '+49301234567=flow:b' are the same number"
                + " +49301234567");
    assertThatThrownBy(() -> new NumberPlan("DE", List.of("100=queue:a", "1-0-0=queue:a")))
        .hasMessageContaining("are the same number 100");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Germany", "UK", "XX", "001", "D", "DE;"})
  void unknownRegionsAreRefused(String region) {
    assertThatThrownBy(() -> new NumberPlan(region, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("default region '" + region + "' is not an ISO 3166 region");
  }

  @Test
  void regionsAreCaseInsensitive() {
    assertThat(new NumberPlan(" de ", List.of()).region()).isEqualTo("DE");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "100\r\nVia: SIP/2.0/UDP evil",
        "100\u0000",
        "\u0000\u0001\u0002",
        "100%0d%0aContact: <sip:x>",
        "100@evil.example",
        "sip:100@pbx",
        "<sip:100@pbx>",
        "100;user=phone\r\n",
        "'; DROP TABLE routes; --",
        "${jndi:ldap://x/a}",
        "++4930",
        "49+30",
        "+",
        "+*21#",
        "--",
        "()",
        "\t100",
        "１００",
        "\u202e100",
        "one hundred",
        "100 ext 12",
      })
  void garbageIsNoNumber(String garbage) {
    NumberPlan plan = berlin();
    assertThat(plan.normalize(garbage)).isEmpty();
    assertThat(plan.route(garbage)).isEmpty();
  }

  @Test
  void randomInputNeverThrows() {
    NumberPlan plan = berlin();
    Random random = new Random(42);
    String alphabet = "0123456789+*#;=:-.()/ \t\r\n\u0000%@<>tel0000011+49+1";
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(80);
      for (int j = 0; j < length; j++) {
        s.append(
            random.nextInt(10) == 0
                ? (char) random.nextInt(0x3000)
                : alphabet.charAt(random.nextInt(alphabet.length())));
      }
      inputs.add(s.toString());
    }
    inputs.add("\uD800");
    inputs.add("+" + "9".repeat(63));
    inputs.add("0".repeat(64));
    inputs.add("00" + "1".repeat(62));
    for (String input : inputs) {
      String normal = plan.normalize(input);
      assertThat(normal).matches("|\\+[0-9]{1,63}|[0-9*#]{1,64}");
      assertThat(plan.route(input)).isNotNull();
    }
  }
}
