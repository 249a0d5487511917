package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * sipvicious, the scanner toolkit attackers use against SIP servers, run against the endpoint on
 * loopback: the password cracker must not find a password that is in its dictionary, and the
 * extension scanner must not learn which users exist. Both stop by themselves.
 */
class ScannerIT {
  @Test
  void svcrackFindsNoPasswordAndIsBlocked() throws Exception {
    try (TestSip sip = new TestSip()) {
      sip.credential("agent1", "letmein-now");
      File dictionary = File.createTempFile("dict-", ".txt");
      List<String> words = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        words.add("guess" + i);
      }
      words.add("letmein-now");
      Files.write(dictionary.toPath(), words);
      String out =
          run(
              "svcrack",
              "-u",
              "agent1",
              "-d",
              dictionary.getPath(),
              "-p",
              String.valueOf(sip.port),
              "127.0.0.1");
      Files.delete(dictionary.toPath());
      assertThat(out).doesNotContain("letmein-now");
      assertThat(sip.endpoint.check().metrics().get("blockedScanners")).isEqualTo(1L);
    }
  }

  @Test
  void svwarLearnsNoExtensions() throws Exception {
    try (TestSip sip = new TestSip()) {
      sip.credential("agent1", "letmein-now");
      String out =
          run(
              "svwar",
              "-e",
              "agent1,agent2,100,200",
              "-m",
              "REGISTER",
              "-p",
              String.valueOf(sip.port),
              "127.0.0.1");
      assertThat(out).doesNotContain("| agent1");
      assertThat(sip.db.store.all(java.time.Instant.now())).isEmpty();
    }
  }

  private static String run(String... cmd) throws Exception {
    File log = File.createTempFile("sipvicious-", ".log");
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(log)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    try {
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        throw new AssertionError(cmd[0] + " did not stop within 90 s");
      }
      return Files.readString(log.toPath(), StandardCharsets.ISO_8859_1);
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(log.toPath());
    }
  }
}
