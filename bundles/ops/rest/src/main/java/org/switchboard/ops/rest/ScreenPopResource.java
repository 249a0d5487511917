package org.switchboard.ops.rest;

import java.util.List;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.crm.api.CustomerDirectory;
import org.switchboard.crm.api.CustomerView;
import org.switchboard.crm.api.ExternalCustomer;
import org.switchboard.ops.rest.CustomerResource.CustomerBody;

/**
 * The screen pop, {@code GET /v1/interactions/{id}/customer}: the customer of an interaction as the
 * built-in CRM and every external CRM know them. For managers and the agent the interaction is
 * offered or assigned to. Answers 503 while the CRM does not run.
 */
@Path("v1/interactions/{id}/customer")
@Produces(MediaType.APPLICATION_JSON)
@Component(
    service = ScreenPopResource.class,
    reference =
        @Reference(name = "installed", service = InstalledPart.class, target = InstalledPart.CRM),
    property = {
      "osgi.jaxrs.resource=true",
      SwitchboardApplication.SELECT,
      SwitchboardApplication.REQUIRE_AUTH,
      SwitchboardApplication.REQUIRE_JSON
    })
public class ScreenPopResource {
  private final Capability<CustomerDirectory> directory = new Capability<>("the CRM");
  private final InteractionService interactions;

  @Activate
  public ScreenPopResource(@Reference InteractionService interactions) {
    this.interactions = interactions;
  }

  ScreenPopResource(CustomerDirectory bound, InteractionService interactions) {
    this(interactions);
    bindDirectory(bound);
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindDirectory(CustomerDirectory bound) {
    directory.bind(bound);
  }

  void unbindDirectory(CustomerDirectory unbound) {
    directory.unbind(unbound);
  }

  /**
   * The screen pop as JSON.
   *
   * @param customerRef the interaction's customer reference, null when unknown
   * @param customer the built-in record, null when it has none
   * @param external what each external CRM that knows the customer says
   * @param unavailable the CRMs that could not be asked, and why
   */
  public record ScreenPop(
      String customerRef,
      CustomerBody customer,
      List<ExternalCustomer> external,
      Map<String, String> unavailable) {
    static ScreenPop of(CustomerView v) {
      return new ScreenPop(
          v.customerRef(),
          v.customer() == null ? null : CustomerBody.of(v.customer()),
          v.external(),
          v.unavailable());
    }
  }

  @GET
  public ScreenPop customer(@PathParam("id") String id, @Context SecurityContext security) {
    Interaction i =
        interactions.find(id).orElseThrow(() -> new NotFoundException("interaction", id));
    InteractionResource.requireManagerOrAssigned((Caller) security.getUserPrincipal(), i);
    return ScreenPop.of(directory.get().screenPop(i));
  }
}
