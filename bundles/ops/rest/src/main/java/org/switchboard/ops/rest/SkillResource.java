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
import org.switchboard.core.api.skill.Skill;
import org.switchboard.core.api.skill.SkillService;

/** {@code /api/v1/skills}: the skill catalogue. */
@Path("v1/skills")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Component(
    service = SkillResource.class,
    property = {
      "osgi.jaxrs.resource=true",
      SwitchboardApplication.SELECT,
      SwitchboardApplication.REQUIRE_AUTH,
      SwitchboardApplication.REQUIRE_JSON
    })
public class SkillResource {
  private final SkillService skills;

  @Activate
  public SkillResource(@Reference SkillService skills) {
    this.skills = skills;
  }

  @GET
  public List<Skill> list() {
    return skills.list();
  }

  @GET
  @Path("{id}")
  public Skill get(@PathParam("id") String id) {
    return skills.find(id).orElseThrow(() -> new NotFoundException("skill", id));
  }

  @POST
  @Roles(Roles.ADMIN)
  public Response create(Skill skill) {
    Skill created = skills.create(Bodies.required(skill));
    return Response.created(URI.create("v1/skills/" + created.id())).entity(created).build();
  }

  @PUT
  @Path("{id}")
  @Roles(Roles.ADMIN)
  public Skill update(@PathParam("id") String id, Skill skill) {
    Bodies.sameId(id, Bodies.required(skill).id());
    return skills.update(skill);
  }

  @DELETE
  @Path("{id}")
  @Roles(Roles.ADMIN)
  public Response delete(@PathParam("id") String id) {
    skills.delete(id);
    return Response.noContent().build();
  }
}
