package org.switchboard.ops.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.reports.api.Wallboard;
import org.switchboard.reports.api.WallboardService;

/**
 * The wallboard for supervisors, admins and external wallboard screens: {@code GET /v1/wallboard}
 * once, {@code GET /v1/wallboard/events} as server-sent events (one {@code wallboard} event a
 * second), {@code GET /v1/metrics} in the Prometheus text format.
 */
@Path("v1")
@Roles({Roles.ADMIN, Roles.SUPERVISOR})
@Component(
    service = WallboardResource.class,
    reference =
        @Reference(
            name = "installed",
            service = InstalledPart.class,
            target = InstalledPart.REPORTS),
    property = {
      "osgi.jaxrs.resource=true",
      SwitchboardApplication.SELECT,
      SwitchboardApplication.REQUIRE_AUTH,
      SwitchboardApplication.REQUIRE_JSON
    })
public class WallboardResource {
  private static final Logger LOG = LoggerFactory.getLogger(WallboardResource.class);

  /** Screens following the feed at most; more get 503 (each costs a send a second). */
  static final int MAX_SUBSCRIBERS = 100;

  private record Subscriber(SseEventSink sink, Sse sse) {}

  private final Capability<WallboardService> wallboard = new Capability<>("the reports engine");
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService ticks;

  WallboardResource(WallboardService bound) {
    this();
    bindWallboard(bound);
  }

  /** For DS, which binds the live wallboard whenever the reports engine runs. */
  @Activate
  public WallboardResource() {
    this.ticks =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "wallboard-feed");
              t.setDaemon(true);
              return t;
            });
    ticks.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindWallboard(WallboardService bound) {
    wallboard.bind(bound);
  }

  void unbindWallboard(WallboardService unbound) {
    wallboard.unbind(unbound);
  }

  @Deactivate
  void deactivate() {
    ticks.shutdownNow();
    subscribers.forEach(s -> s.sink().close());
    subscribers.clear();
  }

  @GET
  @Path("wallboard")
  @Produces(MediaType.APPLICATION_JSON)
  public Wallboard now() {
    return wallboard.get().now();
  }

  /** The wallboard every second as server-sent events, until the client goes. */
  @GET
  @Path("wallboard/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void events(@Context SseEventSink sink, @Context Sse sse) {
    Wallboard first = wallboard.get().now();
    if (subscribers.size() >= MAX_SUBSCRIBERS) {
      sink.send(sse.newEventBuilder().name("error").data("too many wallboard screens").build());
      sink.close();
      return;
    }
    Subscriber s = new Subscriber(sink, sse);
    subscribers.add(s);
    send(s, json(first));
  }

  /** Queue and agent figures for IT monitoring, in the Prometheus text format 0.0.4. */
  @GET
  @Path("metrics")
  @Produces("text/plain; version=0.0.4; charset=utf-8")
  public String metrics() {
    return PrometheusText.of(wallboard.get().now());
  }

  private void tick() {
    if (subscribers.isEmpty()) {
      return;
    }
    try {
      Optional<WallboardService> live = wallboard.current();
      if (live.isEmpty()) {
        return; // the reports engine restarts: screens keep the last figures for a moment
      }
      String data = json(live.get().now());
      subscribers.forEach(s -> send(s, data));
    } catch (RuntimeException e) {
      LOG.warn("The wallboard feed could not be sent this second: {}", e.toString());
    }
  }

  private void send(Subscriber s, String data) {
    if (s.sink().isClosed()) {
      subscribers.remove(s);
      return;
    }
    s.sink()
        .send(
            s.sse()
                .newEventBuilder()
                .name("wallboard")
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(data)
                .build())
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                subscribers.remove(s);
                s.sink().close();
              }
            });
  }

  private static String json(Wallboard w) {
    try {
      return ApiJson.mapper().writeValueAsString(w);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the wallboard cannot be written as JSON", e);
    }
  }
}
