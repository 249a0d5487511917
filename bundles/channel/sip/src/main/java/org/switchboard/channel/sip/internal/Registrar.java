package org.switchboard.channel.sip.internal;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.function.BiConsumer;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.switchboard.channel.sip.api.Registration;

/**
 * The registrar (RFC 3261 section 10.3): agents' phones register their contacts for the AOR {@code
 * sip:<agent id>@<appliance>} after a digest challenge. Unknown users and wrong passwords get the
 * same answer, repeated failures lock the user and the source out.
 */
final class Registrar {
  private final SipStore store;
  private final Digest digest;
  private final SourceGuard guard;
  private final SipMessages sip;
  private final SipConfig config;
  private final Clock clock;
  private final BiConsumer<String, String> signOfLife;

  Registrar(
      SipStore store,
      Digest digest,
      SourceGuard guard,
      SipMessages sip,
      SipConfig config,
      Clock clock,
      BiConsumer<String, String> signOfLife) {
    this.store = store;
    this.digest = digest;
    this.guard = guard;
    this.sip = sip;
    this.config = config;
    this.clock = clock;
    this.signOfLife = signOfLife;
  }

  /** The response to a REGISTER from {@code source} (host:port). */
  Response register(Request req, String source)
      throws ParseException, javax.sip.InvalidArgumentException {
    ToHeader to = (ToHeader) req.getHeader(ToHeader.NAME);
    URI aorUri = to == null ? null : to.getAddress().getURI();
    if (!(aorUri instanceof SipURI aor) || aor.getUser() == null) {
      return withReason(sip.response(Response.BAD_REQUEST, req), "To must be sip:<agent>@host");
    }
    String agent = aor.getUser();
    AuthorizationHeader auth = (AuthorizationHeader) req.getHeader(AuthorizationHeader.NAME);
    if (auth == null || auth.getUsername() == null) {
      return challenge(req, false);
    }
    String user = auth.getUsername();
    String host =
        source.substring(
            0, source.lastIndexOf(':') < 0 ? source.length() : source.lastIndexOf(':'));
    if (guard.userLocked(user)) {
      return sip.response(Response.FORBIDDEN, req);
    }
    Optional<SipStore.Credential> credential = store.credential(user);
    Digest.Answer answer =
        new Digest.Answer(
            user,
            auth.getRealm(),
            auth.getNonce(),
            param(auth, "uri", auth.getURI() == null ? null : auth.getURI().toString()),
            auth.getResponse(),
            auth.getAlgorithm(),
            auth.getQop(),
            param(auth, "nc", String.format("%08x", auth.getNonceCount())),
            auth.getCNonce());
    String ha1 =
        credential
            .filter(c -> c.realm().equals(config.realm()) && config.realm().equals(auth.getRealm()))
            .map(c -> "SHA-256".equalsIgnoreCase(auth.getAlgorithm()) ? c.ha1Sha256() : c.ha1Md5())
            .orElse(null);
    switch (digest.check(answer, Request.REGISTER, ha1)) {
      case STALE:
        return challenge(req, true);
      case WRONG:
        guard.failed(host, user);
        return sip.response(Response.FORBIDDEN, req);
      default:
        break;
    }
    guard.succeeded(host, user);
    if (!user.equals(agent)) {
      return withReason(sip.response(Response.FORBIDDEN, req), "may register only its own AOR");
    }
    Response refused = bind(req, agent, source);
    if (refused != null) {
      return refused;
    }
    signOfLife.accept(agent, "sip");
    return ok(req, agent);
  }

  private Response bind(Request req, String agent, String source)
      throws ParseException, javax.sip.InvalidArgumentException {
    Instant now = clock.instant();
    ExpiresHeader expiresHeader = req.getExpires();
    int requested = expiresHeader == null ? config.maxExpires() : expiresHeader.getExpires();
    String callId = ((CallIdHeader) req.getHeader(CallIdHeader.NAME)).getCallId();
    long cseq = ((CSeqHeader) req.getHeader(CSeqHeader.NAME)).getSeqNumber();
    UserAgentHeader ua = (UserAgentHeader) req.getHeader(UserAgentHeader.NAME);
    String userAgent =
        ua == null ? "" : truncate(String.join(" ", toStrings(ua.getProduct())), 256);
    List<ContactHeader> contacts = new ArrayList<>();
    for (ListIterator<?> it = req.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
      contacts.add((ContactHeader) it.next());
    }
    for (ContactHeader c : contacts) {
      if (c.isWildCard()) {
        if (contacts.size() != 1 || requested != 0) {
          return withReason(sip.response(Response.BAD_REQUEST, req), "'*' needs Expires: 0 alone");
        }
        store.unbindAll(agent);
        return null;
      }
    }
    List<SipStore.Binding> existing = store.bindings(agent, now);
    for (ContactHeader c : contacts) {
      String contact = truncate(c.getAddress().getURI().toString(), 512);
      int expires = c.getExpires() >= 0 ? c.getExpires() : requested;
      for (SipStore.Binding b : existing) {
        if (b.registration().contact().equals(contact)
            && b.callId().equals(callId)
            && b.cseq() >= cseq) {
          return withReason(
              sip.response(Response.SERVER_INTERNAL_ERROR, req), "out-of-order REGISTER");
        }
      }
      if (expires == 0) {
        store.unbind(agent, contact);
      } else if (expires < config.minExpires()) {
        Response r = sip.response(Response.INTERVAL_TOO_BRIEF, req);
        r.addHeader(sip.headers.createMinExpiresHeader(config.minExpires()));
        return r;
      } else {
        Instant until = now.plus(Duration.ofSeconds(Math.min(expires, config.maxExpires())));
        store.bind(
            new SipStore.Binding(
                new Registration(agent, contact, until, source, userAgent), callId, cseq));
      }
    }
    List<SipStore.Binding> now2 = new ArrayList<>(store.bindings(agent, now));
    now2.sort(Comparator.comparing(b -> b.registration().expiresAt()));
    while (now2.size() > config.maxContactsPerAgent()) {
      store.unbind(agent, now2.remove(0).registration().contact());
    }
    return null;
  }

  private Response ok(Request req, String agent)
      throws ParseException, javax.sip.InvalidArgumentException {
    Response r = sip.response(Response.OK, req);
    Instant now = clock.instant();
    for (SipStore.Binding b : store.bindings(agent, now)) {
      ContactHeader c =
          sip.headers.createContactHeader(sip.addresses.createAddress(b.registration().contact()));
      c.setExpires(
          (int) Math.max(1, Duration.between(now, b.registration().expiresAt()).toSeconds()));
      r.addHeader(c);
    }
    r.addHeader(
        sip.headers.createDateHeader(
            java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("GMT"))));
    return r;
  }

  private Response challenge(Request req, boolean stale) throws ParseException {
    Response r = sip.response(Response.UNAUTHORIZED, req);
    String nonce = digest.nonce();
    for (String algorithm : org.switchboard.core.api.ConfigValues.list(config.digestAlgorithms())) {
      Digest.Algorithm a = Digest.Algorithm.of(algorithm);
      if (a == null) {
        continue;
      }
      WWWAuthenticateHeader h = sip.headers.createWWWAuthenticateHeader("Digest");
      h.setRealm(config.realm());
      h.setNonce(nonce);
      h.setAlgorithm(a.token);
      h.setQop("auth");
      if (stale) {
        h.setStale(true);
      }
      r.addHeader(h);
    }
    return r;
  }

  private static String param(AuthorizationHeader h, String name, String fallback) {
    String v = h.getParameter(name);
    return v == null ? fallback : v;
  }

  private static Response withReason(Response r, String reason) throws ParseException {
    r.setReasonPhrase(r.getReasonPhrase() + " (" + reason + ")");
    return r;
  }

  private static List<String> toStrings(ListIterator<?> it) {
    List<String> out = new ArrayList<>();
    while (it != null && it.hasNext()) {
      out.add(String.valueOf(it.next()));
    }
    return out;
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
