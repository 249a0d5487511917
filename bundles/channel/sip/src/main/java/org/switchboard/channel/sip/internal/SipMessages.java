package org.switchboard.channel.sip.internal;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.text.ParseException;
import java.util.UUID;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Builds and sends responses; the factories are created directly (no SipFactory path lookup). */
final class SipMessages {
  static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, UPDATE, INFO, REFER";
  final HeaderFactory headers = new HeaderFactoryImpl();
  final MessageFactory messages = new MessageFactoryImpl();
  final AddressFactory addresses = new AddressFactoryImpl();

  /** A response to {@code request} with a To tag (for final responses). */
  Response response(int status, Request request) throws ParseException {
    Response r = messages.createResponse(status, request);
    ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
    if (status >= 200 && to != null && to.getTag() == null) {
      to.setTag(UUID.randomUUID().toString().substring(0, 8));
    }
    return r;
  }

  /** The Call-ID of a message. */
  static String callId(javax.sip.message.Message m) {
    return ((javax.sip.header.CallIdHeader) m.getHeader(javax.sip.header.CallIdHeader.NAME))
        .getCallId();
  }

  /** A reason phrase safe to send: printable ASCII, at most 100 characters. */
  static String reason(String text) {
    String t = text == null ? "" : text.replaceAll("[^\\x20-\\x7e]", " ").strip();
    if (t.isEmpty()) {
      return "Bad Request";
    }
    return t.length() > 100 ? t.substring(0, 100) : t;
  }

  /** Sends in the transaction when there is one, statelessly otherwise. */
  static void send(SipProvider provider, ServerTransaction tx, Response response)
      throws SipException, InvalidArgumentException {
    if (tx != null) {
      tx.sendResponse(response);
    } else {
      provider.sendResponse(response);
    }
  }
}
