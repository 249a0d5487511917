package org.switchboard.ops.rest;

import java.util.Set;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log of changes made over the API by admins and supervisors: one line per POST, PUT,
 * PATCH or DELETE to the logger {@code org.switchboard.audit}, the one the web console writes to
 * ({@code user=<name> action=rest.<method> path=<path> status=<status>}). Agents' own work (accept,
 * messages, state) is in the event log, not here. Bodies are never logged: they may hold passwords.
 */
@Component(
    service = ContainerResponseFilter.class,
    property = {
      "osgi.jaxrs.extension=true",
      "osgi.jaxrs.name=switchboard-audit",
      SwitchboardApplication.SELECT
    })
public class RequestAudit implements ContainerResponseFilter {
  private static final Logger AUDIT = LoggerFactory.getLogger("org.switchboard.audit");
  private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!CHANGES.contains(request.getMethod())
        || !(request.getSecurityContext().getUserPrincipal() instanceof Caller caller)
        || !caller.isManager()) {
      return;
    }
    AUDIT.info(
        "user={} action=rest.{} path=/{} status={}",
        caller.name(),
        request.getMethod(),
        request.getUriInfo().getPath(),
        response.getStatus());
  }
}
