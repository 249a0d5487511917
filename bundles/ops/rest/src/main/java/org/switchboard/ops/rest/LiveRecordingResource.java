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
    property = {
      "osgi.jaxrs.resource=true",
      SwitchboardApplication.SELECT,
      SwitchboardApplication.REQUIRE_AUTH,
      SwitchboardApplication.REQUIRE_JSON
    })
public class LiveRecordingResource {
  private final RecordingCatalog catalog;
  private final InteractionService interactions;

  @Activate
  public LiveRecordingResource(
      @Reference RecordingCatalog catalog, @Reference InteractionService interactions) {
    this.catalog = catalog;
    this.interactions = interactions;
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
    catalog.pause(id, pause);
    return Map.of("interaction", id, "paused", pause);
  }
}
