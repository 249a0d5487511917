package org.switchboard.channel.sip.internal;

import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ViaHeader;

/**
 * How Switchboard names itself in the requests and responses it originates: the host and port
 * phones and trunks reach it at, per transport.
 *
 * @param host the advertised host (the listening address, or the configured public one)
 * @param port the SIP port for UDP and TCP
 * @param tlsPort the SIP port for TLS
 */
record SipAddressing(String host, int port, int tlsPort) {

  /**
   * {@code <sip:switchboard@host:port;transport=t>}: where the far end sends in-dialog requests.
   */
  ContactHeader contact(SipMessages sip, String transport) throws ParseException {
    SipURI uri = sip.addresses.createSipURI("switchboard", host);
    uri.setPort(portOf(transport));
    uri.setTransportParam(transport);
    return sip.headers.createContactHeader(sip.addresses.createAddress(uri));
  }

  /** A Via for a request we send over {@code transport}; the stack adds the branch. */
  ViaHeader via(SipMessages sip, String transport) throws ParseException, InvalidArgumentException {
    return sip.headers.createViaHeader(host, portOf(transport), transport, null);
  }

  /** The port of a transport: TLS has its own. */
  int portOf(String transport) {
    return "tls".equalsIgnoreCase(transport) ? tlsPort : port;
  }

  /** {@code sip:user@host}: an address of record on this appliance. */
  Address aor(SipMessages sip, String user) throws ParseException {
    return sip.addresses.createAddress(sip.addresses.createSipURI(user, host));
  }

  /** The transport a request to {@code uri} takes: its transport parameter, UDP by default. */
  static String transportOf(URI uri) {
    if (uri instanceof SipURI s && s.getTransportParam() != null) {
      return s.getTransportParam().toLowerCase(java.util.Locale.ROOT);
    }
    return "udp";
  }
}
