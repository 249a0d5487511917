package org.switchboard.ops.rest;

import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.switchboard.core.api.ConfigValues;
import org.switchboard.core.api.health.Health;
import org.switchboard.core.api.health.HealthIndicator;

/**
 * {@code GET /api/health} and {@code GET /api/openapi.json}: no credentials needed.
 *
 * <p>The worst component decides the overall status, except that a component outside {@code
 * requiredComponents} being DOWN only makes the whole DEGRADED: the contact center still answers
 * without, say, text-to-speech. HTTP 200 for UP and DEGRADED, 503 for DOWN, so a load balancer
 * takes a node out only when it cannot serve.
 */
@Path("")
@Designate(ocd = HealthResource.Config.class)
@Component(
    configurationPid = "org.switchboard.ops.health",
    service = HealthResource.class,
    property = {
      "osgi.jaxrs.resource=true",
      SwitchboardApplication.SELECT,
      SwitchboardApplication.REQUIRE_AUTH,
      SwitchboardApplication.REQUIRE_JSON
    })
public class HealthResource {
  private final List<HealthIndicator> indicators = new CopyOnWriteArrayList<>();
  private volatile Set<String> required = Set.of();

  /** Which components must report for the appliance to count as healthy. */
  @ObjectClassDefinition(
      name = "Switchboard health",
      description = "What GET /api/health requires.")
  public @interface Config {
    @AttributeDefinition(
        name = "Required components",
        description =
            "Reported DOWN when they do not run at all; only these can make the whole DOWN.")
    String[] requiredComponents() default {"db", "broker", "core"};
  }

  @Activate
  @Modified
  void configure(Config config) {
    required = Set.copyOf(ConfigValues.list(config.requiredComponents()));
  }

  /** One component's health in the health document. */
  public record ComponentHealth(
      String component, Health.Status status, String detail, Map<String, Object> metrics) {}

  /** The health document: the worst component status decides the overall one. */
  public record HealthReport(Health.Status status, List<ComponentHealth> components) {}

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addIndicator(HealthIndicator indicator) {
    indicators.add(indicator);
  }

  void removeIndicator(HealthIndicator indicator) {
    indicators.remove(indicator);
  }

  @GET
  @Path("health")
  @Public
  @Produces(MediaType.APPLICATION_JSON)
  public Response health() {
    List<ComponentHealth> running = indicators.stream().map(HealthResource::check).toList();
    Set<String> present =
        running.stream().map(ComponentHealth::component).collect(Collectors.toSet());
    Stream<ComponentHealth> missing =
        required.stream()
            .filter(c -> !present.contains(c))
            .map(
                c ->
                    new ComponentHealth(
                        c, Health.Status.DOWN, "not running: see the log", Map.of()));
    List<ComponentHealth> components =
        Stream.concat(running.stream(), missing)
            .sorted(Comparator.comparing(ComponentHealth::component))
            .toList();
    Health.Status overall =
        components.stream()
            .map(this::weight)
            .max(Comparator.naturalOrder())
            .orElse(Health.Status.DOWN);
    return Response.status(overall == Health.Status.DOWN ? 503 : 200)
        .entity(new HealthReport(overall, components))
        .build();
  }

  @GET
  @Path("openapi.json")
  @Public
  @Produces(MediaType.APPLICATION_JSON)
  public Response openApi() {
    InputStream doc = HealthResource.class.getResourceAsStream("openapi.json");
    if (doc == null) {
      return ApiError.of(500, "internal", "the OpenAPI document is missing from this build");
    }
    return Response.ok(doc, MediaType.APPLICATION_JSON_TYPE).build();
  }

  /** A component's share in the overall status: optional ones cannot take the node down. */
  private Health.Status weight(ComponentHealth c) {
    if (c.status() == Health.Status.DOWN && !required.contains(c.component())) {
      return Health.Status.DEGRADED;
    }
    return c.status();
  }

  private static ComponentHealth check(HealthIndicator indicator) {
    try {
      Health h = indicator.check();
      return new ComponentHealth(indicator.component(), h.status(), h.detail(), h.metrics());
    } catch (RuntimeException e) {
      return new ComponentHealth(
          indicator.component(),
          Health.Status.DOWN,
          "health check failed: " + e.getMessage(),
          Map.of());
    }
  }
}
