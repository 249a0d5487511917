package org.switchboard.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Ports opened = ports configured: the firewall accepts exactly the ports the appliance's
 * Switchboard configuration (SIP, RTP, HTTPS) and sshd listen on, and what is not opened listens on
 * the loopback interface only.
 */
class FirewallPortsTest {
  private static final String NFT = Recipe.read(Recipe.ROOTFS.resolve("etc/nftables.conf"));

  @Test
  void theFirewallOpensExactlyTheConfiguredPorts() {
    Map<String, String> sip =
        Recipe.settings(Recipe.SWITCHBOARD_ETC.resolve("org.switchboard.channel.sip.cfg"));
    Map<String, String> media =
        Recipe.settings(Recipe.SWITCHBOARD_ETC.resolve("org.switchboard.media.cfg"));
    Map<String, String> web =
        Recipe.settings(Recipe.SWITCHBOARD_ETC.resolve("org.ops4j.pax.web.cfg"));
    Map<String, String> sshd =
        Recipe.settings(Recipe.ROOTFS.resolve("etc/ssh/sshd_config.d/50-switchboard.conf"));

    Set<String> configured = new TreeSet<>();
    configured.add("udp " + sip.get("port"));
    configured.add("tcp " + sip.get("port"));
    configured.add("tcp " + sip.get("tlsPort"));
    configured.add("udp " + media.get("portMin") + "-" + media.get("portMax"));
    configured.add("tcp " + web.get("org.osgi.service.http.port.secure"));
    configured.add("tcp " + sshd.get("Port"));

    assertEquals(configured, opened(), "ports accepted by etc/nftables.conf");
  }

  @Test
  void transportsAndWebServerMatchWhatIsOpened() {
    Map<String, String> sip =
        Recipe.settings(Recipe.SWITCHBOARD_ETC.resolve("org.switchboard.channel.sip.cfg"));
    assertEquals("udp, tcp, tls", sip.get("transports"));
    Map<String, String> web =
        Recipe.settings(Recipe.SWITCHBOARD_ETC.resolve("org.ops4j.pax.web.cfg"));
    assertEquals("false", web.get("org.osgi.service.http.enabled"), "plain HTTP is off");
    assertEquals("true", web.get("org.osgi.service.http.secure.enabled"));
  }

  @Test
  void theRestListensOnLoopbackOnly() {
    Map<String, String> shell =
        Recipe.settings(Recipe.OPS.getParent().resolve("etc/org.apache.karaf.shell.cfg"));
    assertEquals("127.0.0.1", shell.get("sshHost"), "Karaf's shell");
    String artemis = Recipe.read(Recipe.OPS.getParent().resolve("etc/artemis.xml"));
    Matcher acceptor =
        Pattern.compile("<acceptor name=\"\\w+\">tcp://(\\$\\{[^}]+\\}|[^:$]+):").matcher(artemis);
    int acceptors = 0;
    while (acceptor.find()) {
      assertEquals("${switchboard.artemis.host:127.0.0.1}", acceptor.group(1), "broker acceptor");
      acceptors++;
    }
    assertTrue(acceptors >= 1, "the broker has acceptors");
  }

  @Test
  void theInputPolicyDropsAndCountsWhatItDrops() {
    assertTrue(NFT.contains("type filter hook input priority filter; policy drop;"), NFT);
    assertTrue(NFT.contains("counter comment \"dropped\""), "boot-test.sh reads this counter");
  }

  /** "proto port" for every accept rule on a destination port, defines resolved. */
  private static Set<String> opened() {
    Map<String, String> defines = new HashMap<>();
    Matcher d = Pattern.compile("(?m)^define (\\w+) = (\\S+)$").matcher(NFT);
    while (d.find()) {
      defines.put("$" + d.group(1), d.group(2));
    }
    Set<String> opened = new TreeSet<>();
    Matcher rule = Pattern.compile("(?m)^\\s*(tcp|udp) dport (\\S+) accept").matcher(NFT);
    while (rule.find()) {
      opened.add(rule.group(1) + " " + defines.getOrDefault(rule.group(2), rule.group(2)));
    }
    return opened;
  }
}
