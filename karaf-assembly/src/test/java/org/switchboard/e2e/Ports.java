package org.switchboard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gives a copied distribution its own loopback ports by editing its {@code etc/} files, as an
 * operator would: web server, SSH, JMX/RMI and the broker's acceptors.
 */
final class Ports {
  private Ports() {}

  static void assign(Path home, int http, int ssh, int sip) {
    set(home, "org.switchboard.channel.sip.cfg", Map.of("address", "127.0.0.1", "port", str(sip)));
    int core = RunningDistribution.freePort();
    set(home, "org.ops4j.pax.web.cfg", Map.of("org.osgi.service.http.port", str(http)));
    set(home, "org.apache.karaf.shell.cfg", Map.of("sshPort", str(ssh)));
    set(
        home,
        "org.apache.karaf.management.cfg",
        Map.of(
            "rmiRegistryPort", str(RunningDistribution.freePort()),
            "rmiServerPort", str(RunningDistribution.freePort())));
    set(
        home,
        "system.properties",
        Map.of(
            "switchboard.artemis.core.port", str(core),
            "switchboard.artemis.amqp.port", str(RunningDistribution.freePort()),
            "switchboard.artemis.mqtt.port", str(RunningDistribution.freePort())));
    set(home, "org.switchboard.platform.broker.cfg", Map.of("url", "tcp://127.0.0.1:" + core));
  }

  private static String str(int port) {
    return String.valueOf(port);
  }

  /**
   * Sets {@code key = value} lines in a config file, replacing existing keys, creating the file.
   */
  static void set(Path home, String file, Map<String, String> values) {
    Path cfg = home.resolve("etc").resolve(file);
    try {
      List<String> lines = Files.exists(cfg) ? Files.readAllLines(cfg) : new ArrayList<>();
      List<String> out = new ArrayList<>();
      for (String line : lines) {
        String key = line.split("[=:]", 2)[0].trim();
        if (!values.containsKey(key)) {
          out.add(line);
        }
      }
      values.forEach((k, v) -> out.add(k + " = " + v));
      Files.write(cfg, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
