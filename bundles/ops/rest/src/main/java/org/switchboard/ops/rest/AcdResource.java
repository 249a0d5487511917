package org.switchboard.ops.rest;

import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.ForbiddenException;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.switchboard.acd.api.AcdService;
import org.switchboard.acd.api.Decision;
import org.switchboard.acd.api.RoutingPolicy;
import org.switchboard.acd.api.SimulationReport;
import org.switchboard.acd.api.SimulationScenario;
import org.switchboard.acd.api.Simulator;
import org.switchboard.acd.api.WaitExplanation;

/**
 * The ACD over HTTP under {@code /v1/acd}: routing policies per queue, "why" for interactions and
 * agents, heartbeats from agents' desktops and the what-if simulator. Answers 503 while the ACD
 * bundle does not run.
 */
@Path("v1/acd")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Component(
    service = AcdResource.class,
    property = {
      "osgi.jaxrs.resource=true",
      SwitchboardApplication.SELECT,
      SwitchboardApplication.REQUIRE_AUTH,
      SwitchboardApplication.REQUIRE_JSON
    })
public class AcdResource {
  private final Capability<AcdService> acd = new Capability<>("the ACD");
  private final Capability<Simulator> simulator = new Capability<>("the ACD");

  /** For DS, which binds the ACD's services whenever they are there. */
  public AcdResource() {}

  AcdResource(AcdService acd, Simulator simulator) {
    bindAcd(acd);
    bindSimulator(simulator);
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindAcd(AcdService bound) {
    acd.bind(bound);
  }

  void unbindAcd(AcdService unbound) {
    acd.unbind(unbound);
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindSimulator(Simulator bound) {
    simulator.bind(bound);
  }

  void unbindSimulator(Simulator unbound) {
    simulator.unbind(unbound);
  }

  @GET
  @Path("queues/{id}/policy")
  @Roles({Roles.ADMIN, Roles.SUPERVISOR})
  public RoutingPolicy policy(@PathParam("id") String queue) {
    return acd.get().policy(queue);
  }

  @PUT
  @Path("queues/{id}/policy")
  @Roles(Roles.ADMIN)
  public RoutingPolicy setPolicy(@PathParam("id") String queue, RoutingPolicy policy) {
    Bodies.sameId(queue, Bodies.required(policy).queue());
    return acd.get().setPolicy(policy);
  }

  /** Why an interaction went where it went, and (while it waits) why it is still waiting. */
  public record RoutingStory(List<Decision> decisions, WaitExplanation waiting) {}

  @GET
  @Path("interactions/{id}")
  @Roles({Roles.ADMIN, Roles.SUPERVISOR})
  public RoutingStory routing(@PathParam("id") String id) {
    WaitExplanation waiting = acd.get().explainWaiting(id).orElse(null);
    return new RoutingStory(acd.get().decisionsFor(id), waiting);
  }

  @GET
  @Path("agents/{id}/decisions")
  public List<Decision> agentDecisions(
      @PathParam("id") String agent,
      @QueryParam("limit") @DefaultValue("50") int limit,
      @Context SecurityContext security) {
    requireSelfOrManager(agent, security);
    return acd.get().decisionsForAgent(agent, limit);
  }

  /** The agent desktop (or a phone integration) reports that the agent is still there. */
  @POST
  @Path("agents/{id}/heartbeat")
  public Response heartbeat(
      @PathParam("id") String agent,
      @QueryParam("source") @DefaultValue("desktop") String source,
      @Context SecurityContext security) {
    requireSelfOrManager(agent, security);
    acd.get().heartbeat(agent, source);
    return Response.noContent().build();
  }

  /** Runs a what-if scenario in virtual time and returns the figures. */
  @POST
  @Path("simulations")
  @Roles({Roles.ADMIN, Roles.SUPERVISOR})
  public SimulationReport simulate(SimulationScenario scenario) {
    return simulator.get().run(Bodies.required(scenario));
  }

  private static void requireSelfOrManager(String agent, SecurityContext security) {
    Caller caller = (Caller) security.getUserPrincipal();
    if (!caller.isManager() && !caller.name().equals(agent)) {
      throw new ForbiddenException(
          ApiError.of(403, "forbidden", "agents may only act for themselves"));
    }
  }
}
