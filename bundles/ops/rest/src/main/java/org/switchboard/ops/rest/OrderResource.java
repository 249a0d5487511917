package org.switchboard.ops.rest;

import java.util.Map;
import java.util.regex.Pattern;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.flow.api.DataDip;

/**
 * Orders for the agent, through the same data dips the flows use: {@code GET
 * /v1/orders?interaction={id}} asks the customer-orders dip about the interaction's customer, and
 * {@code GET /v1/orders/{number}} asks the order dip about one order. For managers and the agent of
 * the interaction; any signed-in user may look an order up by number.
 */
@Path("v1/orders")
@Produces(MediaType.APPLICATION_JSON)
@Component(
    service = OrderResource.class,
    configurationPid = "org.switchboard.orders",
    property = {
      "osgi.jaxrs.resource=true",
      SwitchboardApplication.SELECT,
      SwitchboardApplication.REQUIRE_AUTH,
      SwitchboardApplication.REQUIRE_JSON
    })
@Designate(ocd = OrderResource.Config.class)
public class OrderResource {
  private static final Pattern ORDER_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");

  /** Which dips answer the agent's order questions, PID {@code org.switchboard.orders}. */
  @ObjectClassDefinition(
      name = "Switchboard orders for agents",
      description =
          "The data dips the agent desktop asks for a customer's orders and for one order.")
  public @interface Config {
    @AttributeDefinition(
        description =
            "Dip asked for the orders of an interaction's customer (input: interactionId, channel,"
                + " from, to, customerRef, customerName, phone or email, and the interaction's"
                + " attributes).")
    String customerOrdersDip() default "customer-orders";

    @AttributeDefinition(description = "Dip asked for one order (input: orderNumber).")
    String orderDip() default "order-status";

    @AttributeDefinition(description = "Longest the agent waits for the order system, in ms.")
    long timeoutMillis() default 3000;
  }

  private final InteractionService interactions;
  private final NamedDips dips = new NamedDips();
  private volatile Config config;

  @Activate
  public OrderResource(@Reference InteractionService interactions, Config config) {
    this.interactions = interactions;
    this.config = config;
  }

  @Modified
  void modified(Config changed) {
    this.config = changed;
  }

  @Reference(
      service = DataDip.class,
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC)
  void addDip(DataDip dip, Map<String, Object> properties) {
    dips.add(dip, properties);
  }

  void removeDip(DataDip dip, Map<String, Object> properties) {
    dips.remove(dip, properties);
  }

  @Deactivate
  void deactivate() {
    dips.clear();
  }

  /** The orders of the interaction's customer; a failing order system is a state, not an error. */
  @GET
  public OrderView customerOrders(
      @QueryParam("interaction") String id, @Context SecurityContext security) {
    if (id == null || id.isBlank()) {
      throw new ValidationException("interaction", "say whose orders: ?interaction=<id>");
    }
    Interaction i =
        interactions.find(id).orElseThrow(() -> new NotFoundException("interaction", id));
    InteractionResource.requireManagerOrAssigned((Caller) security.getUserPrincipal(), i);
    Config c = config;
    return dips.ask(c.customerOrdersDip(), OrderQuestions.about(i), c.timeoutMillis());
  }

  /**
   * One order by number.
   *
   * @throws ValidationException when the number is not 1-64 letters, digits, {@code . _ / -}
   */
  @GET
  @Path("{number}")
  public OrderView order(@PathParam("number") String number) {
    if (number == null || !ORDER_NUMBER.matcher(number).matches()) {
      throw new ValidationException(
          "number", "an order number is 1-64 letters, digits, '.', '_', '/' or '-'");
    }
    Config c = config;
    return dips.ask(c.orderDip(), Map.of("orderNumber", number), c.timeoutMillis());
  }
}
