package org.switchboard.ops.rest;

import java.net.URI;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.core.api.queue.QueueService;

/** {@code /api/v1/queues}: the queues. */
@Path("v1/queues")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Component(
    service = QueueResource.class,
    property = {
      "osgi.jaxrs.resource=true",
      SwitchboardApplication.SELECT,
      SwitchboardApplication.REQUIRE_AUTH,
      SwitchboardApplication.REQUIRE_JSON
    })
public class QueueResource {
  private final QueueService queues;

  @Activate
  public QueueResource(@Reference QueueService queues) {
    this.queues = queues;
  }

  @GET
  public List<Queue> list() {
    return queues.list();
  }

  @GET
  @Path("{id}")
  public Queue get(@PathParam("id") String id) {
    return queues.find(id).orElseThrow(() -> new NotFoundException("queue", id));
  }

  @POST
  @Roles(Roles.ADMIN)
  public Response create(Queue queue) {
    Queue created = queues.create(Bodies.required(queue));
    return Response.created(URI.create("v1/queues/" + created.id())).entity(created).build();
  }

  @PUT
  @Path("{id}")
  @Roles(Roles.ADMIN)
  public Queue update(@PathParam("id") String id, Queue queue) {
    Bodies.sameId(id, Bodies.required(queue).id());
    return queues.update(queue);
  }

  @DELETE
  @Path("{id}")
  @Roles(Roles.ADMIN)
  public Response delete(@PathParam("id") String id) {
    queues.delete(id);
    return Response.noContent().build();
  }
}
