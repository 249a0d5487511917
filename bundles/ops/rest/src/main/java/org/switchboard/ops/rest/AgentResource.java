package org.switchboard.ops.rest;

import java.net.URI;
import java.util.List;
import java.util.Map;
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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentService;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.interaction.Direction;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.core.api.interaction.OpenInteraction;

/** {@code /api/v1/agents}: agent profiles and agent states. */
@Path("v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Component(
    service = AgentResource.class,
    property = {
      "osgi.jaxrs.resource=true",
      SwitchboardApplication.SELECT,
      SwitchboardApplication.REQUIRE_AUTH,
      SwitchboardApplication.REQUIRE_JSON
    })
public class AgentResource {
  private final AgentService agents;
  private final InteractionService interactions;

  @Activate
  public AgentResource(@Reference AgentService agents, @Reference InteractionService interactions) {
    this.agents = agents;
    this.interactions = interactions;
  }

  @GET
  public List<Agent> list() {
    return agents.list();
  }

  @GET
  @Path("{id}")
  public Agent get(@PathParam("id") String id) {
    return agents.find(id).orElseThrow(() -> new NotFoundException("agent", id));
  }

  @POST
  @Roles(Roles.ADMIN)
  public Response create(Agent agent) {
    Agent created = agents.create(Bodies.required(agent));
    return Response.created(URI.create("v1/agents/" + created.id())).entity(created).build();
  }

  @PUT
  @Path("{id}")
  @Roles(Roles.ADMIN)
  public Agent update(@PathParam("id") String id, Agent agent) {
    Bodies.sameId(id, Bodies.required(agent).id());
    return agents.update(agent);
  }

  @DELETE
  @Path("{id}")
  @Roles(Roles.ADMIN)
  public Response delete(@PathParam("id") String id) {
    agents.delete(id);
    return Response.noContent().build();
  }

  /**
   * Body of a click-to-call.
   *
   * @param to the customer's number as the agent typed it; the voice channel normalises it
   * @param customerRef the customer record the call is about, may be null
   * @param requestId the client's id for this request, so a repeated click dials once; may be null
   * @param attributes extra attributes for the interaction, may be null
   */
  public record DialRequest(
      String to, String customerRef, String requestId, Map<String, String> attributes) {}

  /**
   * Click-to-call: the agent's phone rings first; when they answer, the voice channel calls the
   * customer through the outbound trunk. Answers 201 with the interaction (OFFERED while dialling);
   * its state then follows the call (CONNECTED, or CLOSED with the outcome as disposition). Allowed
   * to the agent themself, supervisors and admins.
   */
  @POST
  @Path("{id}/calls")
  public Response dial(
      @PathParam("id") String id, DialRequest body, @Context SecurityContext security) {
    requireSelfOrManager(id, security, "agents may place calls only for themselves");
    DialRequest r = Bodies.required(body);
    Interaction placed =
        interactions.dial(
            new OpenInteraction(
                ChannelType.VOICE,
                r.requestId() == null ? null : "dial:" + id + ":" + r.requestId(),
                Direction.OUTBOUND,
                id,
                r.to(),
                r.customerRef(),
                r.attributes()),
            id);
    return Response.created(URI.create("v1/interactions/" + placed.id())).entity(placed).build();
  }

  private static void requireSelfOrManager(String id, SecurityContext security, String message) {
    Caller caller = (Caller) security.getUserPrincipal();
    if (!caller.isManager() && !caller.name().equals(id)) {
      throw new ForbiddenException(ApiError.of(403, "forbidden", message));
    }
  }

  /** Body of a state change. */
  public record StateChange(AgentState state, String reason) {}

  /**
   * Changes an agent's state: LOGGED_OUT logs out; any other state logs in first when needed.
   * Allowed to the agent themself, supervisors and admins.
   */
  @PUT
  @Path("{id}/state")
  public Agent changeState(
      @PathParam("id") String id, StateChange change, @Context SecurityContext security) {
    requireSelfOrManager(id, security, "agents may change only their own state");
    StateChange body = Bodies.required(change);
    if (body.state() == null) {
      throw new ValidationException(
          "state", "is required: one of READY, NOT_READY, WRAP_UP, LOGGED_OUT");
    }
    if (body.state() == AgentState.LOGGED_OUT) {
      return agents.logout(id, body.reason());
    }
    Agent current = get(id);
    if (!current.state().isLoggedIn()) {
      current = agents.login(id);
      if (body.state() == AgentState.NOT_READY
          && (body.reason() == null || body.reason().isBlank())) {
        return current;
      }
    }
    return agents.changeState(id, body.state(), body.reason());
  }
}
