package org.switchboard.channel.sip.internal;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.SIPMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.AllowHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.api.health.Health;
import org.switchboard.core.api.health.HealthIndicator;

/**
 * The SIP endpoint: one JAIN-SIP stack listening on the configured address and transports,
 * answering REGISTER (registrar) and OPTIONS (liveness), refusing what it does not serve with the
 * proper status, behind the source guard. No request can throw out of the listener.
 */
@Component(
    service = HealthIndicator.class,
    immediate = true,
    configurationPid = "org.switchboard.channel.sip")
@Designate(ocd = SipConfig.class)
public class SipEndpoint implements SipListener, HealthIndicator {
  private static final Logger LOG = LoggerFactory.getLogger(SipEndpoint.class);
  private static final List<String> REFUSED =
      List.of(
          "INVITE",
          "BYE",
          "INFO",
          "PRACK",
          "UPDATE",
          "REFER",
          "SUBSCRIBE",
          "NOTIFY",
          "MESSAGE",
          "PUBLISH");

  private final SipConfig config;
  private final SipStore store;
  private final SipMessages sip = new SipMessages();
  private final SourceGuard guard;
  private final Registrar registrar;
  private final SipStackImpl stack;
  private final SipProvider provider;
  private final ScheduledExecutorService housekeeping;
  private final String listening;
  private volatile org.switchboard.acd.api.AcdService acd;

  @Activate
  public SipEndpoint(@Reference SipDatabase db, SipConfig config) throws Exception {
    this.config = config;
    this.store = db.store;
    Clock clock = Clock.systemUTC();
    this.guard =
        new SourceGuard(
            clock,
            config.requestsPerSecond(),
            config.burst(),
            config.maxAuthFailures(),
            Duration.ofSeconds(config.failureWindowSeconds()),
            Duration.ofSeconds(config.lockoutSeconds()),
            100_000);
    this.registrar =
        new Registrar(
            store,
            new Digest(Duration.ofSeconds(config.nonceSeconds()), clock, 200_000),
            guard,
            sip,
            config,
            clock,
            this::signOfLife);
    this.stack = new SipStackImpl(properties(config));
    List<ListeningPoint> points = new ArrayList<>();
    for (String transport : config.transports()) {
      points.add(stack.createListeningPoint(config.address(), config.port(), transport));
    }
    if (points.isEmpty()) {
      throw new IllegalArgumentException("no SIP transport configured");
    }
    this.provider = stack.createSipProvider(points.get(0));
    for (ListeningPoint p : points.subList(1, points.size())) {
      provider.addListeningPoint(p);
    }
    provider.addSipListener(this);
    stack.start();
    this.listening =
        String.join("/", config.transports()) + " " + config.address() + ":" + config.port();
    this.housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "switchboard-sip-housekeeping");
              t.setDaemon(true);
              return t;
            });
    housekeeping.scheduleWithFixedDelay(this::purge, 30, 30, TimeUnit.SECONDS);
    LOG.info("SIP endpoint listening on {}", listening);
  }

  @Deactivate
  void stop() {
    housekeeping.shutdownNow();
    provider.removeSipListener(this);
    stack.stop();
    LOG.info("SIP endpoint on {} stopped", listening);
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      service = org.switchboard.acd.api.AcdService.class)
  void setAcd(org.switchboard.acd.api.AcdService service) {
    this.acd = service;
  }

  void unsetAcd(org.switchboard.acd.api.AcdService service) {
    if (this.acd == service) {
      this.acd = null;
    }
  }

  private void signOfLife(String agent, String source) {
    org.switchboard.acd.api.AcdService a = acd;
    if (a != null) {
      try {
        a.heartbeat(agent, source);
      } catch (RuntimeException e) {
        LOG.debug("ACD heartbeat for {} failed: {}", agent, e.getMessage());
      }
    }
  }

  static Properties properties(SipConfig c) {
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", "switchboard-" + UUID.randomUUID());
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", String.valueOf(c.threads()));
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", String.valueOf(c.udpBufferBytes()));
    p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", String.valueOf(c.udpBufferBytes()));
    p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
    p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "20000");
    p.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", "2000");
    p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
    return p;
  }

  // ---- SipListener -------------------------------------------------------------------------

  @Override
  public void processRequest(RequestEvent event) {
    Request req = event.getRequest();
    try {
      handle(event, req);
    } catch (Exception | LinkageError e) {
      LOG.warn("SIP {} failed: {}", req.getMethod(), e.toString());
      respondQuietly(event, req, Response.SERVER_INTERNAL_ERROR);
    }
  }

  private void handle(RequestEvent event, Request req) throws Exception {
    String source = source(req);
    UserAgentHeader ua = (UserAgentHeader) req.getHeader(UserAgentHeader.NAME);
    String host = source.substring(0, source.lastIndexOf(':'));
    switch (guard.admit(host, ua == null ? null : ua.toString())) {
      case DROP:
        return;
      case LOCKED:
        if (!Request.ACK.equals(req.getMethod())) {
          respond(event, req, Response.FORBIDDEN);
        }
        return;
      default:
        break;
    }
    String method = req.getMethod();
    if (Request.ACK.equals(method)) {
      return;
    }
    ServerTransaction tx = transaction(event, req);
    if (tx == null && !Request.CANCEL.equals(method)) {
      return; // a retransmission the transaction layer answers
    }
    Response r;
    if (Request.REGISTER.equals(method)) {
      r = registrar.register(req, source);
    } else if (Request.OPTIONS.equals(method)) {
      r = sip.response(Response.OK, req);
      r.addHeader(allow());
      r.addHeader(sip.headers.createAcceptHeader("application", "sdp"));
    } else if (Request.CANCEL.equals(method)) {
      r = sip.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, req);
    } else if (REFUSED.contains(method)) {
      r = sip.response(Response.METHOD_NOT_ALLOWED, req);
      r.addHeader(allow());
    } else {
      r = sip.response(Response.NOT_IMPLEMENTED, req);
      r.addHeader(allow());
    }
    SipMessages.send(provider, tx, r);
  }

  private ServerTransaction transaction(RequestEvent event, Request req) throws Exception {
    if (event.getServerTransaction() != null) {
      return event.getServerTransaction();
    }
    if (Request.CANCEL.equals(req.getMethod())) {
      return null;
    }
    try {
      return provider.getNewServerTransaction(req);
    } catch (TransactionAlreadyExistsException retransmission) {
      return null;
    }
  }

  private AllowHeader allow() throws java.text.ParseException {
    return sip.headers.createAllowHeader(SipMessages.ALLOW);
  }

  private void respond(RequestEvent event, Request req, int status) throws Exception {
    SipMessages.send(provider, event.getServerTransaction(), sip.response(status, req));
  }

  private void respondQuietly(RequestEvent event, Request req, int status) {
    try {
      if (!Request.ACK.equals(req.getMethod())) {
        respond(event, req, status);
      }
    } catch (Exception | LinkageError e) {
      LOG.debug("Could not answer {}: {}", req.getMethod(), e.toString());
    }
  }

  private static String source(Request req) {
    SIPMessage m = (SIPMessage) req;
    return m.getRemoteAddress().getHostAddress() + ":" + m.getRemotePort();
  }

  private void purge() {
    try {
      int n = store.purgeExpired(java.time.Instant.now());
      if (n > 0) {
        LOG.info("Removed {} expired SIP registrations", n);
      }
    } catch (RuntimeException e) {
      LOG.warn("Purging expired SIP registrations failed: {}", e.getMessage());
    }
  }

  @Override
  public void processResponse(ResponseEvent event) {}

  @Override
  public void processTimeout(TimeoutEvent event) {}

  @Override
  public void processIOException(IOExceptionEvent event) {
    LOG.debug("SIP I/O error with {}:{}", event.getHost(), event.getPort());
  }

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {}

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {}

  // ---- health ----------------------------------------------------------------------------

  /** Server transactions the stack holds now (they end by the RFC 3261 timers). */
  int openServerTransactions() {
    return stack.getServerTransactionTableSize();
  }

  @Override
  public String component() {
    return "sip";
  }

  @Override
  public Health check() {
    int registered = store.all(java.time.Instant.now()).size();
    return new Health(
        Health.Status.UP,
        "listening on " + listening + "; " + registered + " registered contacts",
        Map.of(
            "registrations", registered,
            "serverTransactions", openServerTransactions(),
            "droppedRequests", guard.dropped(),
            "blockedScanners", guard.blockedScanners()));
  }
}
