package org.switchboard.channel.sip.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** SIP requests as a trunk sends them to the routed number 100, written out for raw UDP tests. */
final class CallerRequests {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private CallerRequests() {}

  /** Sends an INVITE to the routed number 100 and returns its final answer (not 1xx). */
  static String finalAnswer(DatagramSocket s, int port, String callId) throws IOException {
    return answer(s, port, callId, reply -> !reply.startsWith("SIP/2.0 1"));
  }

  /**
   * Sends an INVITE to the routed number 100 (again each second without an answer, as UDP does) and
   * returns the first answer to it that {@code wanted} accepts, or a text saying none came.
   */
  static String answer(
      DatagramSocket s, int port, String callId, java.util.function.Predicate<String> wanted)
      throws IOException {
    byte[] bytes =
        invite(s.getLocalPort(), port, callId, "z9hG4bK-" + callId)
            .getBytes(StandardCharsets.US_ASCII);
    long deadline = System.nanoTime() + WAIT.toNanos();
    byte[] buf = new byte[65536];
    s.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    while (System.nanoTime() < deadline) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        s.receive(p);
        String reply = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
        if (reply.contains("Call-ID: " + callId + "\r\n") && wanted.test(reply)) {
          return reply;
        }
      } catch (SocketTimeoutException quiet) {
        // UDP: send it again (a retransmission, answered from the same transaction)
        s.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
      }
    }
    return "no such answer to " + callId + " within " + WAIT;
  }

  /** An INVITE with a G.711 offer from 127.0.0.1:{@code localPort}. */
  static String invite(int localPort, int port, String callId, String branch) {
    String sdp =
        "v=0\r\no=caller 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    return request("INVITE", localPort, port, callId, branch)
        + "Contact: <sip:caller@127.0.0.1:"
        + localPort
        + ">\r\n"
        + "Content-Type: application/sdp\r\n"
        + "Content-Length: "
        + sdp.length()
        + "\r\n\r\n"
        + sdp;
  }

  /** The CANCEL of that INVITE, with the branch given (RFC 3261: the INVITE's). */
  static String cancel(int localPort, int port, String callId, String branch) {
    return request("CANCEL", localPort, port, callId, branch) + "Content-Length: 0\r\n\r\n";
  }

  private static String request(
      String method, int localPort, int port, String callId, String branch) {
    return method
        + " sip:100@127.0.0.1:"
        + port
        + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:"
        + localPort
        + ";branch="
        + branch
        + "\r\n"
        + "From: <sip:+4930123456@127.0.0.1>;tag=c-"
        + callId
        + "\r\n"
        + "To: <sip:100@127.0.0.1>\r\n"
        + "Call-ID: "
        + callId
        + "\r\n"
        + "CSeq: 1 "
        + method
        + "\r\n"
        + "Max-Forwards: 70\r\n";
  }
}
