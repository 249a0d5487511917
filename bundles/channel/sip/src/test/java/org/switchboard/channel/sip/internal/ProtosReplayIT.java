package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

/**
 * Replays the 4,527 PROTOS c07-sip test messages (malformed and hostile SIP) at the endpoint over
 * UDP. After each case a valid OPTIONS must still get 200: the stack never dies and keeps
 * answering. The corpus is {@code testdata/protos-c07-sip.tar.gz} in the repository.
 */
class ProtosReplayIT {
  private static final Path CORPUS =
      Path.of(System.getProperty("switchboard.testdata.dir", "../../../testdata"))
          .resolve("protos-c07-sip.tar.gz");

  private static final int MAX_DATAGRAM = 65_507;

  @Test
  void everyCaseLeavesTheEndpointAnswering() throws Exception {
    try (TestSip sip = new TestSip(1_000_000, 1_000_000);
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(2000);
      // A bound core, so the INVITEs (most cases, all to the routed number 100) open calls.
      FakeCore core = new FakeCore();
      sip.endpoint.initialize(core);
      InetAddress loopback = InetAddress.getLoopbackAddress();
      int cases = 0;
      long heapBefore = usedHeapAfterGc();
      try (TarArchiveInputStream tar =
          new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(CORPUS)))) {
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
          if (!e.isFile()) {
            continue;
          }
          for (byte[] message : records(tar.readAllBytes(), cases, socket.getLocalPort())) {
            // The few cases larger than a UDP datagram go as far as UDP allows (cut, so malformed).
            int length = Math.min(message.length, MAX_DATAGRAM);
            socket.send(new DatagramPacket(message, length, loopback, sip.port));
          }
          assertThat(optionsAnswered(socket, sip.port, cases))
              .as("OPTIONS answered after PROTOS case %s", e.getName())
              .isTrue();
          cases++;
        }
      }
      assertThat(cases).isEqualTo(4527);
      // Transactions end by their RFC 3261 timers (at most 64 x T1 = 32 s); then memory must be
      // back near where it started: nothing leaks per message.
      java.time.Instant deadline = java.time.Instant.now().plusSeconds(120);
      while (sip.endpoint.openServerTransactions() > 5
          || usedHeapAfterGc() - heapBefore > 32L * 1024 * 1024) {
        assertThat(java.time.Instant.now())
            .as(
                "transactions %d, heap growth %d bytes",
                sip.endpoint.openServerTransactions(), usedHeapAfterGc() - heapBefore)
            .isBefore(deadline);
        java.util.concurrent.locks.LockSupport.parkNanos(java.time.Duration.ofSeconds(1).toNanos());
      }
      assertThat(optionsAnswered(socket, sip.port, -1)).isTrue();
      // Every call a case opened was ended by its teardown (CANCEL) or refused: none is left
      // holding memory or a queue place, and each opened interaction reached a final state.
      assertThat(sip.endpoint.activeCalls()).as("calls left").isZero();
      assertThat(core.openInteractions()).as("interactions left open").isEmpty();
      assertThat(core.count(org.switchboard.core.api.interaction.InteractionState.ABANDONED))
          .as("calls opened and abandoned by their CANCEL")
          .isPositive();
    }
  }

  /** Splits a case file into its messages and fills in the placeholders. */
  static List<byte[]> records(byte[] file, int n, int localPort) {
    List<byte[]> out = new ArrayList<>();
    int i = 0;
    while (i < file.length) {
      int space = i;
      while (space < file.length && file[space] != ' ') {
        space++;
      }
      if (space >= file.length) {
        break;
      }
      int length;
      try {
        length = Integer.parseInt(new String(file, i, space - i, StandardCharsets.US_ASCII).trim());
      } catch (NumberFormatException e) {
        break;
      }
      int start = space + 1;
      int end = Math.min(file.length, start + length);
      out.add(
          fill(new String(file, start, end - start, StandardCharsets.ISO_8859_1), n, localPort));
      i = end;
      while (i < file.length && (file[i] == '\r' || file[i] == '\n')) {
        i++;
      }
    }
    return out;
  }

  private static byte[] fill(String m, int n, int localPort) {
    String s =
        m.replace("<To>", "100@127.0.0.1")
            .replace("<From>", "protos@127.0.0.1")
            .replace("<From-Address>", "127.0.0.1")
            .replace("<From-IP>", "127.0.0.1")
            .replace("<Local-Port>", String.valueOf(localPort))
            .replace("<Branch-ID>", String.valueOf(n))
            .replace("<Call-ID>", "protos-" + n)
            .replace("<CSeq>", "1")
            .replace("<Teardown-Method>", "CANCEL");
    int body = s.indexOf("\r\n\r\n");
    int bodyLength = body < 0 ? 0 : s.length() - body - 4;
    s = s.replace("<Content-Length>", String.valueOf(bodyLength));
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static boolean optionsAnswered(DatagramSocket socket, int port, int n)
      throws IOException {
    String callId = "alive-" + n;
    String options =
        "OPTIONS sip:100@127.0.0.1:"
            + port
            + " SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:"
            + socket.getLocalPort()
            + ";branch=z9hG4bKalive"
            + n
            + "\r\n"
            + "From: <sip:probe@127.0.0.1>;tag=alive\r\n"
            + "To: <sip:100@127.0.0.1>\r\n"
            + "Call-ID: "
            + callId
            + "\r\n"
            + "CSeq: 1 OPTIONS\r\n"
            + "Max-Forwards: 70\r\n"
            + "Content-Length: 0\r\n\r\n";
    byte[] bytes = options.getBytes(StandardCharsets.US_ASCII);
    for (int attempt = 0; attempt < 3; attempt++) {
      socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
      byte[] buf = new byte[65536];
      try {
        while (true) {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          socket.receive(p);
          String reply = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
          if (reply.startsWith("SIP/2.0 200") && reply.contains(callId)) {
            return true;
          }
        }
      } catch (SocketTimeoutException retry) {
        // UDP: send the probe again
      }
    }
    return false;
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
