package org.switchboard.channel.sip.internal;

/** SIP requests as a trunk sends them to the routed number 100, written out for raw UDP tests. */
final class CallerRequests {
  private CallerRequests() {}

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
