package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrunkPolicyTest {
  private static final TrunkPolicy CARRIERS =
      new TrunkPolicy(
          List.of(
              "127.0.0.1",
              "10.0.0.0/8",
              "192.0.2.16/28",
              "198.51.100.7/32",
              "::1",
              "2001:db8::/32",
              "2001:db8:ffff::5/128",
              "fe80::/10"));

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal); // literals only: no name lookup
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** An IPv4-mapped IPv6 address as a dual-stack socket may report it (Java keeps it IPv6). */
  private static InetAddress mapped(int a, int b, int c, int d) throws UnknownHostException {
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xff;
    bytes[11] = (byte) 0xff;
    bytes[12] = (byte) a;
    bytes[13] = (byte) b;
    bytes[14] = (byte) c;
    bytes[15] = (byte) d;
    return Inet6Address.getByAddress(null, bytes, -1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "10.0.0.0",
        "10.0.0.1",
        "10.255.255.255",
        "192.0.2.16",
        "192.0.2.31",
        "198.51.100.7",
        "::1",
        "2001:db8::",
        "2001:db8::1",
        "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
        "2001:db8:ffff::5",
        "fe80::1",
        "febf:ffff::1",
      })
  void trustsAddressesInsideTheBlocks(String address) {
    assertThat(CARRIERS.trusts(ip(address))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.2",
        "9.255.255.255",
        "11.0.0.0",
        "192.0.2.15",
        "192.0.2.32",
        "198.51.100.6",
        "198.51.100.8",
        "0.0.0.0",
        "255.255.255.255",
        "::",
        "::2",
        "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff",
        "2001:db9::",
        "fec0::1",
        "::a00:1",
      })
  void trustsNothingOutside(String address) {
    assertThat(CARRIERS.trusts(ip(address))).isFalse();
  }

  @Test
  void ipv4MappedIpv6MatchesTheIpv4Entries() throws UnknownHostException {
    assertThat(CARRIERS.trusts(mapped(10, 1, 2, 3))).isTrue();
    assertThat(CARRIERS.trusts(mapped(127, 0, 0, 1))).isTrue();
    assertThat(CARRIERS.trusts(mapped(11, 0, 0, 0))).isFalse();
    // Java itself turns the literal into an IPv4 address.
    assertThat(ip("::ffff:10.0.0.1").getAddress()).hasSize(4);
    assertThat(CARRIERS.trusts(ip("::ffff:10.0.0.1"))).isTrue();
  }

  @Test
  void ipv4MappedEntriesMatchIpv4Sources() throws UnknownHostException {
    TrunkPolicy policy = new TrunkPolicy(List.of("::ffff:192.0.2.0/120"));
    assertThat(policy.trusts(ip("192.0.2.200"))).isTrue();
    assertThat(policy.trusts(mapped(192, 0, 2, 200))).isTrue();
    assertThat(policy.trusts(ip("192.0.3.1"))).isFalse();
  }

  @Test
  void scopedLinkLocalSourcesMatchTheirBlock() throws UnknownHostException {
    byte[] fe80one = ip("fe80::1").getAddress();
    assertThat(CARRIERS.trusts(Inet6Address.getByAddress(null, fe80one, 1))).isTrue();
  }

  @Test
  void singleAddressesAndFullLengthBlocksAreTheSame() {
    TrunkPolicy policy = new TrunkPolicy(List.of("203.0.113.9/32", "2001:db8::9/128"));
    assertThat(policy.trusts(ip("203.0.113.9"))).isTrue();
    assertThat(policy.trusts(ip("203.0.113.8"))).isFalse();
    assertThat(policy.trusts(ip("203.0.113.10"))).isFalse();
    assertThat(policy.trusts(ip("2001:db8::9"))).isTrue();
    assertThat(policy.trusts(ip("2001:db8::8"))).isFalse();
    assertThat(policy.trusts(ip("2001:db8::a"))).isFalse();
  }

  @Test
  void aFamilyNeverMatchesTheOther() {
    TrunkPolicy v6 = new TrunkPolicy(List.of("2000::/3"));
    assertThat(v6.trusts(ip("2001:db8::1"))).isTrue();
    assertThat(v6.trusts(ip("10.0.0.1"))).isFalse();
    TrunkPolicy v4 = new TrunkPolicy(List.of("0.0.0.0/1"));
    assertThat(v4.trusts(ip("10.0.0.1"))).isTrue();
    assertThat(v4.trusts(ip("2001:db8::1"))).isFalse();
    assertThat(v4.trusts(ip("::a00:1"))).isFalse();
  }

  @Test
  void nothingIsTrustedByDefault() {
    assertThat(new TrunkPolicy(List.of()).trusts(ip("127.0.0.1"))).isFalse();
    assertThat(new TrunkPolicy(null).trusts(ip("127.0.0.1"))).isFalse();
    assertThat(new TrunkPolicy(Arrays.asList("", "  ")).describe()).isEmpty();
    assertThat(CARRIERS.trusts(null)).isFalse();
  }

  @Test
  void describeGivesCanonicalBlocksInOrder() {
    assertThat(new TrunkPolicy(List.of(" 10.0.0.0/8 ", "2001:0DB8:0000::/32", "::1")).describe())
        .containsExactly("10.0.0.0/8", "2001:db8::/32", "::1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.1/8",
        "2001:db8::1/32",
        "0.0.0.0/0",
        "::/0",
        "10.0.0.0/33",
        "2001:db8::/129",
        "10.0.0.0/-1",
        "10.0.0.0/",
        "/8",
        "10.0.0.0/255.0.0.0",
        "010.0.0.1",
        "10.0.0.256",
        "127.1",
        "2130706433",
        "0x7f.0.0.1",
        "10.*",
        "10.0.0.*",
        "10.0.0.1-5",
        "*",
        "fe80::1%eth0",
        "1:2:3:4:5:6:7:8:9",
        "2001:db8:::1",
        "gateway.example.com",
        "localhost",
        "10.0.0.1 10.0.0.2",
        "10.0.0.1,10.0.0.2",
        "10.0.0.1\r\nVia: x",
        "10.0.0.1\u0000",
      })
  void badEntriesAreNamed(String entry) {
    String shown = entry.strip().replaceAll("\\p{Cntrl}", "?");
    assertThatThrownBy(() -> new TrunkPolicy(List.of("127.0.0.1", entry)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("trunk address entry '" + shown + "' ");
  }

  @Test
  void badEntryMessagesSayWhatIsWrong() {
    assertThatThrownBy(() -> new TrunkPolicy(List.of("10.0.0.1/8")))
        .hasMessage(
            "trunk address entry '10.0.0.1/8' has host bits set; write the network address,"
                + " 10.0.0.0/8");
    assertThatThrownBy(() -> new TrunkPolicy(List.of("::/0")))
        .hasMessage("trunk address entry '::/0' would trust every address");
    assertThatThrownBy(() -> new TrunkPolicy(List.of("10.0.0.0/33")))
        .hasMessageContaining("is not an IP address or CIDR block");
    assertThatThrownBy(() -> new TrunkPolicy(List.of("1".repeat(10_000))))
        .message()
        .hasSizeLessThan(200);
    assertThatThrownBy(() -> new TrunkPolicy(Arrays.asList("::1", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("trunk address entry is null");
  }
}
