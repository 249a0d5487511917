package org.switchboard.ops.rest;

import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.ForbiddenException;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.recording.api.RecordingCatalog;

/**
 * Pausing and resuming the recording of a running call, under {@code
 * /v1/interactions/{id}/recording} (its own root, so JAX-RS picks it over the interactions resource
 * for these paths): the agent on the call or a manager, e.g. while the customer reads out a card
 * number.
 */
@Path("v1/interactions/{id}/recording")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Component(
    service = LiveRecordingResource.class,
    reference =
        @Reference(
            name = "installed",
            service = InstalledPart.class,
            target = InstalledPart.RECORDING),
    property = {
      "osgi.jaxrs.resource=true",
      SwitchboardApplication.SELECT,
      SwitchboardApplication.REQUIRE_AUTH,
      SwitchboardApplication.REQUIRE_JSON
    })
public class LiveRecordingResource {
  private final Capability<RecordingCatalog> catalog = new Capability<>("the recordings bundle");
  private final InteractionService interactions;

  @Activate
  public LiveRecordingResource(@Reference InteractionService interactions) {
    this.interactions = interactions;
  }

  LiveRecordingResource(RecordingCatalog bound, InteractionService interactions) {
    this(interactions);
    bindCatalog(bound);
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindCatalog(RecordingCatalog bound) {
    catalog.bind(bound);
  }

  void unbindCatalog(RecordingCatalog unbound) {
    catalog.unbind(unbound);
  }

  @POST
  @Path("pause")
  public Map<String, Object> pause(@PathParam("id") String id, @Context SecurityContext security) {
    return pauseOrResume(id, true, security);
  }

  @POST
  @Path("resume")
  public Map<String, Object> resume(@PathParam("id") String id, @Context SecurityContext security) {
    return pauseOrResume(id, false, security);
  }

  private Map<String, Object> pauseOrResume(String id, boolean pause, SecurityContext security) {
    Caller caller = (Caller) security.getUserPrincipal();
    String agent =
        interactions.find(id).orElseThrow(() -> new NotFoundException("interaction", id)).agent();
    if (!caller.isManager() && !caller.name().equals(agent)) {
      throw new ForbiddenException(
          ApiError.of(403, "forbidden", "only the agent on the call or a manager may do that"));
    }
    catalog.get().pause(id, pause);
    return Map.of("interaction", id, "paused", pause);
  }
}
