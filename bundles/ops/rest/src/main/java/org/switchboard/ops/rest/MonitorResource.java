package org.switchboard.ops.rest;

import java.time.Instant;
import java.util.Locale;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.ForbiddenException;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.switchboard.channel.sip.api.CallMonitor;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.media.api.Monitoring;

/**
 * Supervisors on live calls under {@code /v1/interactions/{id}/monitor}: silent monitoring, whisper
 * and barge-in through the supervisor's own registered phone (see {@link CallMonitor}). Supervisors
 * and admins only; each acts with their own phone. Answers 503 while the SIP channel does not run.
 */
@Path("v1/interactions/{id}/monitor")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Component(
    service = MonitorResource.class,
    reference = {
      @Reference(name = "sipInstalled", service = InstalledPart.class, target = InstalledPart.SIP),
      @Reference(
          name = "mediaInstalled",
          service = InstalledPart.class,
          target = InstalledPart.MEDIA)
    },
    property = {
      "osgi.jaxrs.resource=true",
      SwitchboardApplication.SELECT,
      SwitchboardApplication.REQUIRE_AUTH,
      SwitchboardApplication.REQUIRE_JSON
    })
public class MonitorResource {
  private final Capability<CallMonitor> monitors = new Capability<>("the SIP channel");

  /** For DS, which binds the SIP channel's call monitor whenever it is there. */
  public MonitorResource() {}

  MonitorResource(CallMonitor bound) {
    bindMonitors(bound);
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindMonitors(CallMonitor bound) {
    monitors.bind(bound);
  }

  void unbindMonitors(CallMonitor unbound) {
    monitors.unbind(unbound);
  }

  /** Body of a start or a change: {@code listen}, {@code whisper} or {@code barge}. */
  public record ModeRequest(String mode) {}

  /**
   * A supervisor on a call, as the API shows it.
   *
   * @param state {@code ringing} (their phone rings) or {@code connected}
   */
  public record MonitorView(
      String interaction,
      String supervisor,
      String mode,
      String state,
      Instant startedAt,
      Instant answeredAt) {
    static MonitorView of(CallMonitor.Session s) {
      return new MonitorView(
          s.interactionId(),
          s.supervisorId(),
          s.mode().id(),
          s.state().name().toLowerCase(Locale.ROOT),
          s.startedAt(),
          s.answeredAt());
    }
  }

  @GET
  @Roles({Roles.ADMIN, Roles.SUPERVISOR})
  public MonitorView current(@PathParam("id") String id) {
    return monitors
        .get()
        .of(id)
        .map(MonitorView::of)
        .orElseThrow(() -> new NotFoundException("supervisor on call", id));
  }

  /** Calls the caller's phone to monitor the call in the mode asked for. */
  @POST
  @Roles({Roles.ADMIN, Roles.SUPERVISOR})
  public Response start(
      @PathParam("id") String id, ModeRequest body, @Context SecurityContext security) {
    CallMonitor.Session s = monitors.get().start(id, caller(security).name(), mode(body));
    return Response.status(Response.Status.CREATED).entity(MonitorView.of(s)).build();
  }

  @PUT
  @Roles({Roles.ADMIN, Roles.SUPERVISOR})
  public MonitorView change(
      @PathParam("id") String id, ModeRequest body, @Context SecurityContext security) {
    return MonitorView.of(monitors.get().change(id, caller(security).name(), mode(body)));
  }

  /** Takes the supervisor off the call: the caller themself, or anyone when an admin asks. */
  @DELETE
  @Roles({Roles.ADMIN, Roles.SUPERVISOR})
  public Response stop(@PathParam("id") String id, @Context SecurityContext security) {
    Caller caller = caller(security);
    CallMonitor.Session s =
        monitors.get().of(id).orElseThrow(() -> new NotFoundException("supervisor on call", id));
    if (!s.supervisorId().equals(caller.name()) && !caller.hasAny(Roles.ADMIN)) {
      throw new ForbiddenException(
          ApiError.of(403, "forbidden", "only " + s.supervisorId() + " or an admin may stop this"));
    }
    monitors.get().stop(id, s.supervisorId());
    return Response.noContent().build();
  }

  private static Monitoring.Mode mode(ModeRequest body) {
    String mode = Bodies.required(body).mode();
    try {
      return Monitoring.Mode.parse(mode);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("mode", e.getMessage());
    }
  }

  private static Caller caller(SecurityContext security) {
    return (Caller) security.getUserPrincipal();
  }
}
