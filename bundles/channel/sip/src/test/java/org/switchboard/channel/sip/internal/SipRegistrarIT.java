package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registrar against SIPp, an independent SIP implementation, on loopback. */
class SipRegistrarIT {
  private static final Path SCENARIOS =
      Path.of(System.getProperty("switchboard.sipp.dir", "../../../sipp"));
  private TestSip sip;

  @BeforeEach
  void start() throws Exception {
    sip = new TestSip();
    sip.credential("ann", "ann-secret-1");
  }

  @AfterEach
  void stop() {
    sip.close();
  }

  @Test
  void phoneRegistersWithDigestAuthentication() throws Exception {
    Sipp run = sipp("register.xml", "ann", "ann-secret-1", "u1");
    assertThat(run.exit).as(run.output).isZero();
    assertThat(sip.db.store.all(java.time.Instant.now()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.agentId()).isEqualTo("ann");
              assertThat(r.contact()).startsWith("sip:ann@127.0.0.1:");
              assertThat(r.userAgent()).contains("SIPp");
            });
  }

  @Test
  void wrongPasswordIsRefusedAndRegistersNothing() throws Exception {
    Sipp run = sipp("register-wrong.xml", "ann", "not-the-password", "u1");
    assertThat(run.exit).as(run.output).isZero();
    Sipp unknown = sipp("register-wrong.xml", "nobody", "whatever-pass", "u1");
    assertThat(unknown.exit).as(unknown.output).isZero();
    assertThat(sip.db.store.all(java.time.Instant.now())).isEmpty();
  }

  @Test
  void repeatedFailuresLockTheUserOut() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(sipp("register-wrong.xml", "ann", "guess-" + i, "u1").exit).isZero();
    }
    // Now even the right password is refused for the lock-out period.
    Sipp locked = sipp("register-locked.xml", "ann", "ann-secret-1", "u1");
    assertThat(locked.exit).as(locked.output).isZero();
    assertThat(sip.db.store.all(java.time.Instant.now())).isEmpty();
  }

  private record Sipp(int exit, String output) {}

  private Sipp sipp(String scenario, String user, String password, String transport)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "sipp",
                "-sf",
                SCENARIOS.resolve(scenario).toString(),
                "-s",
                user,
                "-au",
                user,
                "-ap",
                password,
                "-t",
                transport,
                "-i",
                "127.0.0.1",
                "-p",
                String.valueOf(TestSip.freeUdpPort()),
                "-m",
                "1",
                "-timeout",
                "15s",
                "-timeout_error",
                "-nostdin",
                "127.0.0.1:" + sip.port));
    java.io.File log = java.io.File.createTempFile("sipp-", ".log");
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(log)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("sipp did not finish in 30 s");
      }
      String out = java.nio.file.Files.readString(log.toPath(), StandardCharsets.ISO_8859_1);
      return new Sipp(
          p.exitValue(), out.length() > 4000 ? out.substring(out.length() - 4000) : out);
    } finally {
      p.destroyForcibly();
      log.delete();
    }
  }
}
