package org.switchboard.channel.sip.internal;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressNetwork.IPAddressGenerator;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Which source addresses are trunks (carriers, SBCs) that may send calls without digest
 * authentication: a list of IPv4 and IPv6 addresses and CIDR blocks ({@code 10.0.0.0/8}, {@code
 * 2001:db8::/32}, {@code ::1}). An IPv4 address also matches in its IPv4-mapped IPv6 form ({@code
 * ::ffff:10.0.0.1}) and the other way round, as dual-stack sockets may report either.
 *
 * <p>Entries are read strictly, because a wrong one lets calls in unauthenticated: only dotted
 * quads without leading zeros ({@code 010.0.0.1} could mean octal), standard IPv6 text without a
 * zone, and a prefix length; no wildcards, ranges, masks or host names. A block must be written
 * with its host bits zero ({@code 10.0.0.1/8} is refused as a likely typo) and {@code /0}, which
 * would trust every address, is refused. Immutable and thread-safe.
 */
final class TrunkPolicy {
  /** Longest entry read; the longest IPv6 block in text has 49 characters. */
  private static final int MAX_LENGTH = 64;

  private static final IPAddressStringParameters STRICT = strict();
  private static final IPAddressGenerator FROM_INET = new IPAddressGenerator();

  private final List<IPAddress> blocks = new ArrayList<>();

  /**
   * @param entries addresses or CIDR blocks; null means none (nothing is trusted), blank entries
   *     are skipped
   * @throws IllegalArgumentException naming the first entry that is not a strict address or block
   */
  TrunkPolicy(List<String> entries) {
    if (entries == null) {
      return;
    }
    for (String entry : entries) {
      if (entry == null) {
        throw new IllegalArgumentException("trunk address entry is null");
      }
      if (!entry.isBlank()) {
        blocks.add(block(entry.strip()));
      }
    }
  }

  /** Whether calls from this source address may skip digest authentication. */
  boolean trusts(InetAddress source) {
    if (source == null || blocks.isEmpty()) {
      return false;
    }
    IPAddress address = FROM_INET.from(source);
    IPAddress twin = null;
    if (address instanceof IPv4Address v4) {
      twin = v4.getIPv4MappedAddress();
    } else if (address instanceof IPv6Address v6 && v6.isIPv4Mapped()) {
      twin = v6.getEmbeddedIPv4Address();
    }
    for (IPAddress block : blocks) {
      if (block.contains(address) || (twin != null && block.contains(twin))) {
        return true;
      }
    }
    return false;
  }

  /** The trusted blocks in canonical form ({@code 10.0.0.0/8}, {@code ::1}), in the given order. */
  List<String> describe() {
    return blocks.stream().map(IPAddress::toCanonicalString).toList();
  }

  private static IPAddress block(String entry) {
    if (entry.length() > MAX_LENGTH) {
      throw bad(entry, "is longer than any address or block (" + MAX_LENGTH + " characters)");
    }
    if (entry.chars().anyMatch(Character::isISOControl)) {
      throw bad(entry, "contains control characters");
    }
    IPAddress address;
    try {
      address = new IPAddressString(entry, STRICT).toAddress();
    } catch (AddressStringException e) {
      throw bad(entry, "is not an IP address or CIDR block (" + e.getMessage() + ")");
    }
    Integer prefix = address.getNetworkPrefixLength();
    if (prefix == null) {
      return address;
    }
    if (prefix == 0) {
      throw bad(entry, "would trust every address");
    }
    if (!address.isPrefixBlock()) {
      throw bad(
          entry,
          "has host bits set; write the network address, "
              + address.toPrefixBlock().toCanonicalString());
    }
    return address.toPrefixBlock();
  }

  private static IllegalArgumentException bad(String entry, String problem) {
    String shown = entry.length() > 80 ? entry.substring(0, 80) + "..." : entry;
    return new IllegalArgumentException(
        ("trunk address entry '" + shown + "' " + problem).replaceAll("\\p{Cntrl}", "?"));
  }

  private static IPAddressStringParameters strict() {
    IPAddressStringParameters.Builder b = new IPAddressStringParameters.Builder();
    b.allowEmpty(false);
    b.allowAll(false);
    b.allowSingleSegment(false);
    b.allowPrefixOnly(false);
    b.allowMask(false);
    b.allowWildcardedSeparator(false);
    b.setRangeOptions(RangeParameters.NO_RANGE);
    b.allow_inet_aton(false);
    b.getIPv4AddressParametersBuilder().allowLeadingZeros(false);
    b.getIPv4AddressParametersBuilder().allowPrefixesBeyondAddressSize(false);
    b.getIPv6AddressParametersBuilder().allowZone(false);
    b.getIPv6AddressParametersBuilder().allowBase85(false);
    b.getIPv6AddressParametersBuilder().allowPrefixesBeyondAddressSize(false);
    b.getIPv6AddressParametersBuilder()
        .getEmbeddedIPv4AddressParametersBuilder()
        .allowLeadingZeros(false);
    return b.toParams();
  }
}
