package org.switchboard.channel.sip.internal;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;
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
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.TransactionUnavailableException;
import javax.sip.header.AllowHeader;
import javax.sip.header.MaxForwardsHeader;
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
import org.switchboard.channel.spi.ChannelContext;
import org.switchboard.channel.spi.ChannelPlugin;
import org.switchboard.channel.spi.Offer;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.health.Health;
import org.switchboard.core.api.health.HealthIndicator;
import org.switchboard.core.api.interaction.Interaction;

/**
 * The SIP endpoint: one JAIN-SIP stack listening on the configured address and transports,
 * answering REGISTER (registrar) and OPTIONS (liveness), refusing what it does not serve with the
 * proper status, behind the source guard. No request can throw out of the listener.
 */
@Component(
    service = {
      HealthIndicator.class,
      ChannelPlugin.class,
      SipEndpoint.class,
      org.switchboard.channel.sip.api.CallMonitor.class
    },
    immediate = true,
    configurationPid = "org.switchboard.channel.sip")
@Designate(ocd = SipConfig.class)
public class SipEndpoint
    implements SipListenerExt,
        HealthIndicator,
        ChannelPlugin,
        org.switchboard.channel.sip.api.CallMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(SipEndpoint.class);

  /** Methods we know but do not serve (answered 405 with Allow). */
  private static final List<String> REFUSED =
      List.of("PRACK", "SUBSCRIBE", "NOTIFY", "MESSAGE", "PUBLISH");

  private final SipConfig config;
  private final SipStore store;
  private final SipMessages sip = new SipMessages();
  private final SourceGuard guard;
  private final Registrar registrar;
  private final SipStackImpl stack;
  private final SipProvider provider;
  private final ScheduledExecutorService housekeeping;
  private final CallPool callPool;
  private final CallControl calls;
  private final String listening;
  private volatile org.switchboard.acd.api.AcdService acd;

  /** The media engine, when installed: calls are then anchored (see {@link MediaAnchor}). */
  private volatile org.switchboard.media.api.MediaService media;

  /** The recordings catalogue, when installed: anchored calls are recorded by its policy. */
  @org.osgi.service.component.annotations.Reference(
      cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
      policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC,
      policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
  private volatile org.switchboard.recording.api.RecordingCatalog recordings;

  /** The flow engine, when installed: numbers routed to flow:<id> run IVR flows. */
  @org.osgi.service.component.annotations.Reference(
      cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
      policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC,
      policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
  private volatile org.switchboard.flow.api.FlowService flows;

  /** Text-to-speech engines, lowest ranking first (flows' say nodes use the best that speaks). */
  @org.osgi.service.component.annotations.Reference(
      cardinality = org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE,
      policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
  private volatile List<org.switchboard.media.api.Tts> speech = List.of();

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
    SipStackImpl created = new KeyedCancelStack(properties(config));
    this.stack = created;
    try {
      SipAddressing self =
          new SipAddressing(
              config.advertisedHost().isBlank() ? config.address() : config.advertisedHost(),
              config.port(),
              config.tlsPort());
      List<ListeningPoint> points = new ArrayList<>();
      for (String transport : org.switchboard.core.api.ConfigValues.list(config.transports())) {
        points.add(stack.createListeningPoint(config.address(), self.portOf(transport), transport));
      }
      if (points.isEmpty()) {
        throw new IllegalArgumentException("no SIP transport configured");
      }
      this.provider = stack.createSipProvider(points.get(0));
      for (ListeningPoint p : points.subList(1, points.size())) {
        provider.addListeningPoint(p);
      }
      this.callPool = new CallPool(config.callThreads());
      this.housekeeping =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "switchboard-sip-housekeeping");
                t.setDaemon(true);
                return t;
              });
      this.calls = callControl(config, self, clock);
      provider.addSipListener(this);
      stack.start();
    } catch (Exception | Error e) {
      created.stop(); // frees the ports its listening points bound: a retry can bind them again
      throw e;
    }
    this.listening =
        String.join("/", org.switchboard.core.api.ConfigValues.list(config.transports()))
            + " "
            + config.address()
            + ":"
            + config.port()
            + (org.switchboard.core.api.ConfigValues.list(config.transports()).contains("tls")
                ? ", tls :" + config.tlsPort()
                : "");
    housekeeping.scheduleWithFixedDelay(this::purge, 30, 30, TimeUnit.SECONDS);
    if (config.keepAliveSeconds() > 0) {
      housekeeping.scheduleWithFixedDelay(
          calls::keepAlive, config.keepAliveSeconds(), config.keepAliveSeconds(), TimeUnit.SECONDS);
    }
    LOG.info("SIP endpoint listening on {}", listening);
  }

  private CallControl callControl(SipConfig config, SipAddressing self, Clock clock) {
    NumberPlan plan =
        new NumberPlan(
            config.defaultRegion(), org.switchboard.core.api.ConfigValues.list(config.routes()));
    String trunkProblem = OutboundTrunk.problem(sip, config.outboundTrunk());
    if (trunkProblem != null) {
      LOG.error("Click-to-call is off: {}", trunkProblem);
    }
    OutboundTrunk trunk =
        new OutboundTrunk(
                trunkProblem == null ? config.outboundTrunk() : "",
                config.outboundCallerId(),
                config.outboundRingSeconds(),
                org.switchboard.core.api.ConfigValues.list(config.outboundPrefixes()),
                plan)
            .withCredentials(config.outboundTrunkUser(), config.outboundTrunkPassword());
    gov.nist.javax.sip.clientauthutils.AuthenticationHelper trunkAuth =
        trunk.credentials() == null
            ? null
            : ((gov.nist.javax.sip.SipStackExt) stack)
                .getAuthenticationHelper((tx, realm) -> trunk.credentials(), sip.headers);
    Speech talk = new Speech(() -> media, () -> speech);
    CallRouting routing =
        new CallRouting(
            plan,
            new TrunkPolicy(org.switchboard.core.api.ConfigValues.list(config.trunkSources())));
    CallbackOffers callbacks =
        new CallbackOffers(
            org.switchboard.core.api.ConfigValues.list(config.callbackQueues()),
            config.callbackAttempts(),
            Duration.ofSeconds(config.callbackRetrySeconds()),
            config.callbackDigit(),
            config.callbackOffer(),
            config.callbackConfirmation(),
            config.announcementLanguage(),
            trunk,
            this::core,
            talk,
            callPool);
    Voicemail voicemail =
        new Voicemail(
            org.switchboard.core.api.ConfigValues.list(config.voicemailQueues()),
            config.voicemailMaxSeconds(),
            config.voicemailGreeting(),
            config.voicemailThanks(),
            config.announcementLanguage(),
            () -> media,
            () -> recordings,
            this::core,
            talk,
            callPool,
            housekeeping);
    return new CallControl(
        provider,
        sip,
        store,
        routing,
        self,
        trunk,
        trunkAuth,
        callPool,
        housekeeping,
        new MediaAnchor(
            () -> media,
            MediaAnchor.QueueMedia.parse(config.queueMedia()),
            config.musicOnHold(),
            MediaAnchor.greetings(
                org.switchboard.core.api.ConfigValues.list(config.queueGreetings())),
            new CallRecorder(
                () -> media, () -> recordings, this::core, callPool, config.recordingPauseKey()),
            new QueueAnnouncements(
                Duration.ofSeconds(config.positionAnnouncementSeconds()),
                config.positionAnnouncement(),
                config.waitAnnouncement(),
                config.announcementLanguage(),
                callbacks,
                housekeeping,
                callPool,
                () -> acd,
                talk)),
        new FlowCalls(
            () -> flows,
            () -> media,
            talk,
            this::core,
            routing,
            callPool,
            org.switchboard.core.api.Identifiers.requireName(
                "flowFallbackQueue", config.flowFallbackQueue())),
        callbacks,
        voicemail,
        new RoutingOverload(() -> acd, Duration.ofMillis(config.maxRoutingLagMillis())),
        clock,
        config.maxCalls());
  }

  @Deactivate
  void stop() {
    housekeeping.shutdownNow();
    provider.removeSipListener(this);
    stack.stop();
    callPool.shutdownNow();
    LOG.info("SIP endpoint on {} stopped", listening);
  }

  @Reference(
      name = "media",
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY,
      service = org.switchboard.media.api.MediaService.class,
      unbind = "unsetMedia")
  void setMedia(org.switchboard.media.api.MediaService service) {
    this.media = service;
  }

  /**
   * The media engine went away (stopped, updated, replaced): the audio of every anchored call went
   * with it, so those calls are ended on both legs and in the core rather than left silent. Drain
   * first to update the media engine without dropping calls (see docs/media.md).
   */
  void unsetMedia(org.switchboard.media.api.MediaService service) {
    if (this.media == service) {
      this.media = null;
    }
    calls.mediaGone(service);
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
    // A queued customer's dialog stays early (180 sent) for as long as they wait: far longer than
    // the stack's default of 3 minutes.
    p.setProperty("gov.nist.javax.sip.EARLY_DIALOG_TIMEOUT_SECONDS", String.valueOf(4 * 3600));
    if (org.switchboard.core.api.ConfigValues.list(c.transports()).contains("tls")) {
      tls(c, p);
    }
    return p;
  }

  /** The stack's TLS settings: its own key store (not the JVM's), client certificates optional. */
  private static void tls(SipConfig c, Properties p) {
    if (c.tlsKeystore().isBlank()) {
      throw new IllegalArgumentException("transport tls needs tlsKeystore (a PKCS12 or JKS file)");
    }
    java.nio.file.Path store = java.nio.file.Path.of(c.tlsKeystore());
    if (!store.isAbsolute()) {
      store = java.nio.file.Path.of(System.getProperty("karaf.home", ".")).resolve(store);
    }
    if (!java.nio.file.Files.isReadable(store)) {
      throw new IllegalArgumentException("tlsKeystore " + store + " is not a readable file");
    }
    p.setProperty("javax.net.ssl.keyStore", store.toString());
    p.setProperty("javax.net.ssl.keyStorePassword", c.tlsKeystorePassword());
    p.setProperty("javax.net.ssl.keyStoreType", c.tlsKeystoreType());
    p.setProperty(
        "gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE",
        gov.nist.javax.sip.stack.ClientAuthType.valueOf(c.tlsClientAuth()).name());
    p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.3,TLSv1.2");
    // The stack's default suites are RSA key exchange and anonymous DH: replace them with
    // forward-secret AEAD suites (TLS 1.3 and ECDHE for 1.2), for RSA and EC certificates.
    p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(" ", TLS_SUITES));
  }

  private static final List<String> TLS_SUITES =
      List.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");

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
      calls.ack(event);
      return;
    }
    ServerTransaction tx = transaction(event, req);
    if (tx == null) {
      return; // a retransmission the transaction layer answers
    }
    switch (method) {
      case Request.INVITE -> invite(event, tx, host);
      case Request.CANCEL -> calls.cancel(event, tx);
      case Request.BYE -> calls.bye(event, tx);
      case Request.UPDATE, Request.INFO -> inDialogOnly(event, tx);
      case Request.REFER -> refer(event, tx);
      case Request.REGISTER -> SipMessages.send(provider, tx, registrar.register(req, source));
      case Request.OPTIONS -> SipMessages.send(provider, tx, options(req));
      default -> {
        Response r =
            sip.response(
                REFUSED.contains(method) ? Response.METHOD_NOT_ALLOWED : Response.NOT_IMPLEMENTED,
                req);
        r.addHeader(allow());
        SipMessages.send(provider, tx, r);
      }
    }
  }

  private void invite(RequestEvent event, ServerTransaction tx, String host) throws Exception {
    if (CallControl.inDialog(event.getRequest())) {
      calls.relay(event, tx);
    } else {
      calls.newCall(event, tx, host);
    }
  }

  private void inDialogOnly(RequestEvent event, ServerTransaction tx) throws Exception {
    if (CallControl.inDialog(event.getRequest())) {
      calls.relay(event, tx);
    } else {
      tx.sendResponse(
          sip.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, event.getRequest()));
    }
  }

  private void refer(RequestEvent event, ServerTransaction tx) throws Exception {
    if (CallControl.inDialog(event.getRequest())) {
      calls.refer(event, tx);
    } else {
      tx.sendResponse(
          sip.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, event.getRequest()));
    }
  }

  private Response options(Request req) throws java.text.ParseException {
    Response r = sip.response(Response.OK, req);
    r.addHeader(allow());
    r.addHeader(sip.headers.createAcceptHeader("application", "sdp"));
    return r;
  }

  private ServerTransaction transaction(RequestEvent event, Request req) throws Exception {
    if (event.getServerTransaction() != null) {
      return event.getServerTransaction();
    }
    if (req.getHeader(MaxForwardsHeader.NAME) == null) {
      // Required by RFC 3261 but missing from some CANCELs in the field: be lenient, as the
      // stack will not open a transaction without it.
      req.setHeader(sip.headers.createMaxForwardsHeader(70));
    }
    try {
      return provider.getNewServerTransaction(req);
    } catch (TransactionAlreadyExistsException retransmission) {
      return null;
    } catch (TransactionUnavailableException malformed) {
      Response r = sip.response(Response.BAD_REQUEST, req);
      r.setReasonPhrase(SipMessages.reason(malformed.getMessage()));
      provider.sendResponse(r);
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
    calls.housekeeping();
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
  public void processResponse(ResponseEvent event) {
    try {
      calls.agentResponse(event);
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("SIP response handling failed: {}", e.toString());
    }
  }

  @Override
  public void processTimeout(TimeoutEvent event) {
    try {
      calls.timeout(event);
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("SIP timeout handling failed: {}", e.toString());
    }
  }

  @Override
  public void processDialogTimeout(DialogTimeoutEvent event) {
    try {
      calls.dialogTimeout(event.getDialog(), event.getReason());
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("SIP dialog timeout handling failed: {}", e.toString());
    }
  }

  @Override
  public void processIOException(IOExceptionEvent event) {
    LOG.debug("SIP I/O error with {}:{}", event.getHost(), event.getPort());
  }

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {}

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {}

  // ---- the voice channel (ChannelPlugin) -------------------------------------------------

  @Override
  public ChannelType channelType() {
    return ChannelType.VOICE;
  }

  @Override
  public void initialize(ChannelContext context) {
    calls.initialize(context);
  }

  @Override
  public void dispose() {
    calls.dispose();
  }

  /** The core while the channel is initialized, else null. */
  private ChannelContext core() {
    CallControl c = calls;
    return c == null ? null : c.core();
  }

  @Override
  public void offer(Offer offer) {
    calls.offer(offer);
  }

  @Override
  public void interactionChanged(Interaction interaction, String eventType) {
    calls.interactionChanged(interaction, eventType);
  }

  /** Drain for an upgrade: new calls get 503 with Retry-After; calls in progress go on. */
  void drain(boolean on) {
    calls.drain(on);
    LOG.info("SIP channel drain {}", on ? "on" : "off");
  }

  /** Calls in progress; 0 after a drain means the bundle can be updated without dropping one. */
  int activeCalls() {
    return calls.activeCalls();
  }

  boolean draining() {
    return calls.draining();
  }

  // ---- health ----------------------------------------------------------------------------

  /** Server transactions the stack holds now (they end by the RFC 3261 timers). */
  int openServerTransactions() {
    return stack.getServerTransactionTableSize();
  }

  /** The INVITE transaction a CANCEL belongs to, as the stack finds it; null when none. */
  javax.sip.Transaction cancelled(gov.nist.javax.sip.message.SIPRequest cancel) {
    return stack.findCancelTransaction(cancel, true);
  }

  @Override
  public String component() {
    return "sip";
  }

  @Override
  public Session start(
      String interactionId, String supervisorId, org.switchboard.media.api.Monitoring.Mode mode) {
    return calls.monitors().start(interactionId, supervisorId, mode);
  }

  @Override
  public Session change(
      String interactionId, String supervisorId, org.switchboard.media.api.Monitoring.Mode mode) {
    return calls.monitors().change(interactionId, supervisorId, mode);
  }

  @Override
  public void stop(String interactionId, String supervisorId) {
    calls.monitors().stop(interactionId, supervisorId);
  }

  @Override
  public java.util.Optional<Session> of(String interactionId) {
    return calls.monitors().of(interactionId);
  }

  // ---- health ----------------------------------------------------------------------------------

  @Override
  public Health check() {
    int registered = store.all(java.time.Instant.now()).size();
    return new Health(
        Health.Status.UP,
        "listening on "
            + listening
            + "; "
            + registered
            + " registered contacts; "
            + calls.activeCalls()
            + " calls"
            + (calls.draining() ? "; draining" : ""),
        Map.of(
            "calls", calls.activeCalls(),
            "draining", calls.draining(),
            "callBacklogMs", callPool.backlog().toMillis(),
            "mediaBusyRefusals", calls.mediaBusyRefusals(),
            "routingLagMs", calls.routingLag().toMillis(),
            "overloadRefusals", calls.overloadRefusals(),
            "registrations", registered,
            "serverTransactions", openServerTransactions(),
            "droppedRequests", guard.dropped(),
            "blockedScanners", guard.blockedScanners()));
  }
}
