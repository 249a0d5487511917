package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.interaction.InteractionState;

/**
 * CANCEL is matched to its INVITE by branch ({@link KeyedCancelStack}): the branch compares without
 * regard to case, another branch or another sent-by finds no INVITE, and the matched call is
 * abandoned.
 */
class CancelMatchTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void aCancelFindsItsInviteByBranchInAnyCaseAmongOtherCalls() throws Exception {
    FakeCore core = new FakeCore();
    try (TestSip sip = new TestSip(1_000_000, 1_000_000);
        DatagramSocket caller = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      sip.endpoint.initialize(core);
      caller.setSoTimeout(500);
      int local = caller.getLocalPort();
      for (int i = 0; i < 20; i++) {
        send(
            caller,
            sip.port,
            CallerRequests.invite(local, sip.port, "other-" + i, "z9hG4bK-o" + i));
      }
      send(caller, sip.port, CallerRequests.invite(local, sip.port, "the-call", "z9hG4bK-AbC7"));
      assertThat(await(caller, "the-call", "INVITE", "SIP/2.0 180")).isNotNull();

      assertThat(
              sip.endpoint.cancelled(
                  parse(CallerRequests.cancel(local, sip.port, "the-call", "Z9HG4BK-aBc7"))))
          .as("the stack finds the INVITE of a CANCEL whose branch differs only in case")
          .isNotNull()
          .extracting(t -> t.getBranchId().toLowerCase(java.util.Locale.ROOT))
          .isEqualTo("z9hg4bk-abc7");
      assertThat(
              sip.endpoint.cancelled(
                  parse(CallerRequests.cancel(local, sip.port, "the-call", "z9hG4bK-nope"))))
          .as("a branch no INVITE has")
          .isNull();
      assertThat(
              sip.endpoint.cancelled(
                  parse(CallerRequests.cancel(local + 1, sip.port, "the-call", "z9hG4bK-AbC7"))))
          .as("the branch, but sent by another address")
          .isNull();

      send(caller, sip.port, CallerRequests.cancel(local, sip.port, "the-call", "Z9HG4BK-aBc7"));
      assertThat(await(caller, "the-call", "CANCEL", "SIP/2.0 200")).isNotNull();
      assertThat(await(caller, "the-call", "INVITE", "SIP/2.0 487")).isNotNull();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (core.count(InteractionState.ABANDONED) < 1 && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
      assertThat(core.count(InteractionState.ABANDONED))
          .as("the cancelled call, and none of the others")
          .isEqualTo(1);
    }
  }

  private static gov.nist.javax.sip.message.SIPRequest parse(String text) throws Exception {
    return (gov.nist.javax.sip.message.SIPRequest)
        new gov.nist.javax.sip.parser.StringMsgParser()
            .parseSIPMessage(text.getBytes(StandardCharsets.US_ASCII), true, false, null);
  }

  private static void send(DatagramSocket s, int port, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    s.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
  }

  /** The first answer to {@code method} of {@code callId} starting with {@code status}; or null. */
  private static String await(DatagramSocket s, String callId, String method, String status)
      throws IOException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    byte[] buf = new byte[65536];
    while (System.nanoTime() < deadline) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        s.receive(p);
        String reply = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
        if (reply.contains("Call-ID: " + callId + "\r\n")
            && reply.contains(" " + method + "\r\n")
            && reply.startsWith(status)) {
          return reply;
        }
      } catch (SocketTimeoutException quiet) {
        // keep waiting until the deadline
      }
    }
    return null;
  }
}
