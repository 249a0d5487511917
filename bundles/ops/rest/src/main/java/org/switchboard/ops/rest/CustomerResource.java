package org.switchboard.ops.rest;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
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
import javax.ws.rs.core.StreamingOutput;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.crm.api.Customer;
import org.switchboard.crm.api.CustomerDraft;
import org.switchboard.crm.api.CustomerNote;
import org.switchboard.crm.api.CustomerService;
import org.switchboard.crm.api.Identity;
import org.switchboard.crm.api.ImportReport;

/**
 * The built-in CRM's customers under {@code /v1/customers}: every role looks customers up (the
 * desktop's screen pop); supervisors and admins create, change and merge them; admins delete,
 * import, export and sync them from an ERP. Answers 503 while the CRM does not run.
 */
@Path("v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Component(
    service = CustomerResource.class,
    reference =
        @Reference(name = "installed", service = InstalledPart.class, target = InstalledPart.CRM),
    property = {
      "osgi.jaxrs.resource=true",
      SwitchboardApplication.SELECT,
      SwitchboardApplication.REQUIRE_AUTH,
      SwitchboardApplication.REQUIRE_JSON
    })
public class CustomerResource {
  private final Capability<CustomerService> crm = new Capability<>("the built-in CRM");

  /** For DS, which binds the built-in CRM whenever it is there. */
  public CustomerResource() {}

  CustomerResource(CustomerService bound) {
    bindCrm(bound);
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindCrm(CustomerService bound) {
    crm.bind(bound);
  }

  void unbindCrm(CustomerService unbound) {
    crm.unbind(unbound);
  }

  /**
   * A customer as the API writes and reads it; identities are {@code kind:value} strings ({@code
   * phone:+4930123456}).
   */
  public record CustomerBody(
      String id,
      String name,
      String tier,
      Integer priority,
      Set<String> tags,
      Map<String, Boolean> consents,
      List<String> identities,
      Instant createdAt,
      Instant updatedAt,
      Long version) {
    static CustomerBody of(Customer c) {
      return new CustomerBody(
          c.id(),
          c.name(),
          c.tier(),
          c.priority(),
          c.tags(),
          c.consents(),
          c.identities().stream().map(Identity::toString).toList(),
          c.createdAt(),
          c.updatedAt(),
          c.version());
    }

    CustomerDraft draft() {
      return new CustomerDraft(
          name,
          tier,
          priority == null ? 0 : priority,
          tags,
          consents,
          identities == null ? List.of() : identities.stream().map(Identity::parse).toList());
    }
  }

  /** Body of a merge: the duplicate that goes into the customer of the URL. */
  public record MergeRequest(String duplicate) {}

  /** By identity ({@code ?identity=phone:+4930123456}) or by name ({@code ?q=wei}). */
  @GET
  public List<CustomerBody> find(
      @QueryParam("identity") String identity,
      @QueryParam("q") String text,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    if (identity != null) {
      return crm.get().findByIdentity(Identity.parse(identity)).map(CustomerBody::of).stream()
          .toList();
    }
    return crm.get().search(text, limit).stream().map(CustomerBody::of).toList();
  }

  @GET
  @Path("{id}")
  public CustomerBody get(@PathParam("id") String id) {
    return CustomerBody.of(
        crm.get().find(id).orElseThrow(() -> new NotFoundException("customer", id)));
  }

  @POST
  @Roles({Roles.ADMIN, Roles.SUPERVISOR})
  public Response create(CustomerBody body) {
    Customer c = crm.get().create(Bodies.required(body).draft());
    return Response.created(java.net.URI.create("v1/customers/" + c.id()))
        .entity(CustomerBody.of(c))
        .build();
  }

  /** Replaces the customer's data; {@code version} as read (0 or absent overwrites). */
  @PUT
  @Path("{id}")
  @Roles({Roles.ADMIN, Roles.SUPERVISOR})
  public CustomerBody update(@PathParam("id") String id, CustomerBody body) {
    CustomerBody b = Bodies.required(body);
    return CustomerBody.of(crm.get().update(id, b.version() == null ? 0 : b.version(), b.draft()));
  }

  @POST
  @Path("{id}/merge")
  @Roles({Roles.ADMIN, Roles.SUPERVISOR})
  public CustomerBody merge(@PathParam("id") String id, MergeRequest body) {
    return CustomerBody.of(crm.get().merge(id, Bodies.required(body).duplicate()));
  }

  /** Body of a new note: the text, and the interaction it is written during (optional). */
  public record NoteRequest(String text, String interaction) {}

  /** The customer's notes, newest first. */
  @GET
  @Path("{id}/notes")
  public List<CustomerNote> notes(
      @PathParam("id") String id, @QueryParam("limit") @DefaultValue("20") int limit) {
    return crm.get().notes(id, limit);
  }

  /** Any signed-in user writes a note about a customer; the author is the caller. */
  @POST
  @Path("{id}/notes")
  public Response addNote(
      @PathParam("id") String id, NoteRequest body, @Context SecurityContext security) {
    NoteRequest r = Bodies.required(body);
    CustomerNote note =
        crm.get().addNote(id, security.getUserPrincipal().getName(), r.text(), r.interaction());
    return Response.created(java.net.URI.create("v1/customers/" + id + "/notes/" + note.id()))
        .entity(note)
        .build();
  }

  @DELETE
  @Path("{id}")
  @Roles(Roles.ADMIN)
  public Response delete(@PathParam("id") String id) {
    crm.get().delete(id);
    return Response.noContent().build();
  }

  /** Reads customers from a CSV body (UTF-8); see the columns in docs/crm.md. */
  @POST
  @Path("import")
  @Consumes({"text/csv", MediaType.TEXT_PLAIN})
  @Roles(Roles.ADMIN)
  public ImportReport importCsv(java.io.InputStream body) throws IOException {
    return crm.get().importCsv(new InputStreamReader(body, StandardCharsets.UTF_8));
  }

  /** Records in one sync request at most (bodies are at most 64 KiB anyway). */
  static final int MAX_SYNC = 1000;

  /**
   * Creates or updates customers as an ERP sends them, as JSON: an array of customers in the shape
   * of this resource ({@code name}, {@code tier}, {@code priority}, {@code tags}, {@code consents},
   * {@code identities}). A record whose identity is known updates that customer, others create one;
   * a record that cannot be applied is reported by its position (1 for the first) and the others
   * are applied. A body that is not such an array is refused whole (400).
   */
  @POST
  @Path("sync")
  @Roles(Roles.ADMIN)
  public ImportReport sync(List<CustomerBody> records) {
    if (records == null) {
      throw new ValidationException("body", "an array of customers is required");
    }
    if (records.size() > MAX_SYNC) {
      throw new ValidationException(
          "body", records.size() + " records; send at most " + MAX_SYNC + " per request");
    }
    List<CustomerDraft> drafts = new ArrayList<>();
    List<ImportReport.Failure> refused = new ArrayList<>();
    for (int n = 0; n < records.size(); n++) {
      try {
        drafts.add(records.get(n) == null ? null : records.get(n).draft());
      } catch (ValidationException e) {
        refused.add(new ImportReport.Failure(n + 1L, e.getMessage()));
        drafts.add(null);
      }
    }
    ImportReport applied = crm.get().sync(drafts);
    if (refused.isEmpty()) {
      return applied;
    }
    // Records refused here reached the CRM as nulls: report the reason found here instead.
    List<ImportReport.Failure> failures = new ArrayList<>(refused);
    applied.failed().stream()
        .filter(f -> refused.stream().noneMatch(r -> r.line() == f.line()))
        .forEach(failures::add);
    failures.sort(java.util.Comparator.comparingLong(ImportReport.Failure::line));
    return new ImportReport(applied.created(), applied.updated(), applied.failedRows(), failures);
  }

  @GET
  @Path("export")
  @Produces("text/csv")
  @Roles(Roles.ADMIN)
  public Response exportCsv() {
    CustomerService customers = crm.get();
    StreamingOutput csv =
        out -> {
          Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          customers.exportCsv(w);
          w.flush();
        };
    return Response.ok(csv, "text/csv; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"customers.csv\"")
        .header("Cache-Control", "private, no-store")
        .build();
  }
}
