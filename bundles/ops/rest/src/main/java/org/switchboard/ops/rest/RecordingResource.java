package org.switchboard.ops.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.platform.web.ByteRange;
import org.switchboard.recording.api.RecordingAccess;
import org.switchboard.recording.api.RecordingAudio;
import org.switchboard.recording.api.RecordingCatalog;
import org.switchboard.recording.api.RecordingInfo;
import org.switchboard.recording.api.RecordingQuery;

/**
 * Call recordings under {@code /v1/recordings}, for managers only (recordings carry customers'
 * personal data). Every download is in the recording's access log, with the purpose the user gave.
 * Answers 503 while the recordings bundle does not run; pausing a running call's recording is
 * {@link LiveRecordingResource}.
 */
@Path("v1/recordings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Component(
    service = RecordingResource.class,
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
public class RecordingResource {
  private final Capability<RecordingCatalog> catalog = new Capability<>("the recordings bundle");

  /** For DS, which binds the recordings catalog whenever it is there. */
  public RecordingResource() {}

  RecordingResource(RecordingCatalog bound) {
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

  @GET
  @Roles({Roles.ADMIN, Roles.SUPERVISOR})
  public List<RecordingInfo> search(
      @QueryParam("interaction") String interaction,
      @QueryParam("agent") String agent,
      @QueryParam("queue") String queue,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    return catalog
        .get()
        .search(
            new RecordingQuery(
                interaction, agent, queue, instant("from", from), instant("to", to), limit));
  }

  @GET
  @Path("{id}")
  @Roles({Roles.ADMIN, Roles.SUPERVISOR})
  public RecordingInfo get(@PathParam("id") String id) {
    return catalog.get().find(id).orElseThrow(() -> new NotFoundException("recording", id));
  }

  /**
   * The recording's audio (WAV, FLAC or Ogg, as the catalogue keeps it), whole or the byte range
   * asked for (players seek with {@code Range}); {@code purpose} is required and logged.
   */
  @GET
  @Path("{id}/audio")
  @Produces({
    RecordingAudio.WAV,
    RecordingAudio.FLAC,
    RecordingAudio.OGG,
    MediaType.APPLICATION_JSON
  })
  @Roles({Roles.ADMIN, Roles.SUPERVISOR})
  public Response audio(
      @PathParam("id") String id,
      @QueryParam("purpose") String purpose,
      @HeaderParam("Range") String range,
      @Context SecurityContext security) {
    java.nio.file.Path file = catalog.get().open(id, caller(security).name(), purpose);
    long size = size(file);
    ByteRange.Ask ask = ByteRange.parse(range, size);
    if (ask instanceof ByteRange.Unsatisfiable) {
      return Response.status(416).header("Content-Range", "bytes */" + size).build();
    }
    ByteRange part =
        ask instanceof ByteRange.Part p ? p.range() : new ByteRange(0, Math.max(0, size - 1));
    Response.ResponseBuilder r =
        Response.status(ask instanceof ByteRange.Part ? 206 : 200)
            .type(RecordingAudio.contentType(file))
            .header("Accept-Ranges", "bytes")
            .header("Content-Length", size == 0 ? 0 : part.length())
            .header(
                "Content-Disposition", "inline; filename=\"" + id + "." + extension(file) + "\"")
            .header("Cache-Control", "no-store");
    if (ask instanceof ByteRange.Part) {
      r.header("Content-Range", part.contentRange(size));
    }
    return r.entity(stream(file, size == 0 ? null : part)).build();
  }

  @GET
  @Path("{id}/accesses")
  @Roles(Roles.ADMIN)
  public List<RecordingAccess> accesses(@PathParam("id") String id) {
    get(id);
    return catalog.get().accesses(id);
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static String extension(java.nio.file.Path file) {
    String name = file.getFileName().toString();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private static Caller caller(SecurityContext security) {
    return (Caller) security.getUserPrincipal();
  }

  private static Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw new org.switchboard.core.api.ValidationException(
          field, "must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
    }
  }

  private static long size(java.nio.file.Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static StreamingOutput stream(java.nio.file.Path file, ByteRange part) {
    return out -> {
      if (part != null) {
        part.copy(file, out);
      }
    };
  }
}
