package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIP over TLS with a key store of the appliance's own, checked with OpenSSL's s_client as the
 * independent TLS peer: the handshake presents our certificate and an OPTIONS sent through it gets
 * 200. A TLS transport without a key store is refused at start with a clear message.
 */
class SipTlsIT {
  @TempDir Path dir;

  @Test
  void optionsOverTlsIsAnswered() throws Exception {
    Path store = dir.resolve("sip.p12");
    run(
        List.of(
            "keytool",
            "-genkeypair",
            "-alias",
            "sip",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=switchboard-test",
            "-validity",
            "2",
            "-storetype",
            "PKCS12",
            "-keystore",
            store.toString(),
            "-storepass",
            "tls-secret",
            "-keypass",
            "tls-secret"),
        null);
    int tlsPort = TestSip.freeTcpPort();
    try (TestSip unused = new TestSip(new TestSip.Tls(tlsPort, store, "tls-secret"))) {
      String options =
          "OPTIONS sip:switchboard@127.0.0.1:"
              + tlsPort
              + ";transport=tls SIP/2.0\r\n"
              + "Via: SIP/2.0/TLS 127.0.0.1:5999;branch=z9hG4bK-tls-1\r\n"
              + "From: <sip:probe@127.0.0.1>;tag=t1\r\n"
              + "To: <sip:switchboard@127.0.0.1>\r\n"
              + "Call-ID: tls-probe-1\r\n"
              + "CSeq: 1 OPTIONS\r\n"
              + "Max-Forwards: 70\r\n"
              + "Content-Length: 0\r\n\r\n";
      String out =
          run(
              List.of(
                  "timeout",
                  "15",
                  "openssl",
                  "s_client",
                  "-connect",
                  "127.0.0.1:" + tlsPort,
                  "-ign_eof"),
              options);
      assertThat(out).contains("CN = switchboard-test").contains("SIP/2.0 200 OK");
    }
  }

  @Test
  void tlsWithoutAKeyStoreIsRefusedClearly() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new TestSip(new TestSip.Tls(TestSip.freeTcpPort(), dir.resolve("none.p12"), "x")))
        .hasMessageContaining("tlsKeystore")
        .hasMessageContaining("not a readable file");
  }

  /**
   * Runs a command with {@code input} on its standard input and stops it once a SIP answer came
   * (bounded); returns standard output and error.
   */
  private static String run(List<String> cmd, String input)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Thread reader =
        new Thread(
            () -> {
              try {
                p.getInputStream().transferTo(buf);
              } catch (IOException e) {
                // the process ended
              }
            });
    reader.start();
    try (OutputStream in = p.getOutputStream()) {
      if (input != null) {
        in.write(input.getBytes(StandardCharsets.US_ASCII));
        in.flush();
        // Wait for the answer (bounded), then let s_client end by closing its input.
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!buf.toString(StandardCharsets.US_ASCII).contains("SIP/2.0 ")
            && System.nanoTime() < end
            && p.isAlive()) {
          java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        p.destroy(); // answered (or given up): s_client would read until the server closes
      }
    }
    try {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        throw new AssertionError("did not finish: " + cmd);
      }
      reader.join(5000);
      return buf.toString(StandardCharsets.US_ASCII);
    } finally {
      p.destroyForcibly();
    }
  }
}
