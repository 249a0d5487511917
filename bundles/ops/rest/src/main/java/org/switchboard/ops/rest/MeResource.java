package org.switchboard.ops.rest;

import java.util.List;
import java.util.Optional;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentService;

/** {@code /api/v1/me}: who the credentials belong to; the desktop's login check. */
@Path("v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Component(
    service = MeResource.class,
    property = {
      "osgi.jaxrs.resource=true",
      SwitchboardApplication.SELECT,
      SwitchboardApplication.REQUIRE_AUTH,
      SwitchboardApplication.REQUIRE_JSON
    })
public class MeResource {
  private final AgentService agents;

  /** The caller: user name, roles, and their agent record when they are an agent. */
  public record Me(String user, List<String> roles, Agent agent) {}

  @Activate
  public MeResource(@Reference AgentService agents) {
    this.agents = agents;
  }

  @GET
  public Me me(@Context SecurityContext security) {
    Caller caller = (Caller) security.getUserPrincipal();
    Optional<Agent> agent = agents.find(caller.name());
    return new Me(caller.name(), caller.roles().stream().sorted().toList(), agent.orElse(null));
  }
}
