package org.switchboard.ops.rest;

import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.ForbiddenException;
import javax.ws.rs.GET;
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
import org.switchboard.channel.sip.api.Registration;
import org.switchboard.channel.sip.api.SipCredentials;

/**
 * The SIP channel over HTTP under {@code /v1/sip}: agents' phone passwords (admins) and current
 * registrations. Answers 503 while the SIP channel does not run.
 */
@Path("v1/sip")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Component(
    service = SipResource.class,
    reference =
        @Reference(name = "installed", service = InstalledPart.class, target = InstalledPart.SIP),
    property = {
      "osgi.jaxrs.resource=true",
      SwitchboardApplication.SELECT,
      SwitchboardApplication.REQUIRE_AUTH,
      SwitchboardApplication.REQUIRE_JSON
    })
public class SipResource {
  private final Capability<SipCredentials> credentials = new Capability<>("the SIP channel");

  /** For DS, which binds the SIP channel's credentials whenever they are there. */
  public SipResource() {}

  SipResource(SipCredentials bound) {
    bindCredentials(bound);
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindCredentials(SipCredentials bound) {
    credentials.bind(bound);
  }

  void unbindCredentials(SipCredentials unbound) {
    credentials.unbind(unbound);
  }

  /** Body of a password change; the password is stored only as digest hashes. */
  public record PasswordChange(String password) {}

  @PUT
  @Path("credentials/{agent}")
  @Roles(Roles.ADMIN)
  public Response setPassword(@PathParam("agent") String agent, PasswordChange body) {
    credentials.get().setPassword(agent, Bodies.required(body).password());
    return Response.noContent().build();
  }

  @DELETE
  @Path("credentials/{agent}")
  @Roles(Roles.ADMIN)
  public Response remove(@PathParam("agent") String agent) {
    credentials.get().remove(agent);
    return Response.noContent().build();
  }

  /** Current registrations: all (managers) or one agent's (managers, or the agent themself). */
  @GET
  @Path("registrations")
  public List<Registration> registrations(
      @QueryParam("agent") String agent, @Context SecurityContext security) {
    Caller caller = (Caller) security.getUserPrincipal();
    if (!caller.isManager() && (agent == null || !caller.name().equals(agent))) {
      throw new ForbiddenException(
          ApiError.of(403, "forbidden", "agents may only see their own registrations"));
    }
    return agent == null
        ? credentials.get().registrations()
        : credentials.get().registrations(agent);
  }
}
