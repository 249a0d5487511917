package org.switchboard.ops.webconsole;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.switchboard.core.api.health.Health;
import org.switchboard.core.api.health.HealthIndicator;

/**
 * The health indicators' reports for the Plugins page, as {@code GET /api/health} builds them:
 * every {@link HealthIndicator} service is checked on demand (each must answer within a second),
 * and a check that throws counts as DOWN.
 */
final class PluginHealth {
  private final BundleContext context;

  PluginHealth(BundleContext context) {
    this.context = context;
  }

  /**
   * The reports.
   *
   * @param components one per indicator: {@code bundleId}, {@code component}, {@code status},
   *     {@code detail}
   * @param channelStates channel id to state, from the {@code core} component's {@code
   *     channel.<id>} metrics
   */
  record Checked(List<Map<String, Object>> components, Map<String, String> channelStates) {}

  Checked check() {
    List<Map<String, Object>> components = new ArrayList<>();
    Map<String, String> channels = new HashMap<>();
    for (ServiceReference<HealthIndicator> ref : indicators()) {
      HealthIndicator indicator = context.getService(ref);
      if (indicator == null) {
        continue;
      }
      try {
        Health h = check(indicator);
        String component = indicator.component();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("bundleId", ref.getBundle() == null ? -1 : ref.getBundle().getBundleId());
        row.put("component", component);
        row.put("status", h.status().name());
        row.put("detail", h.detail());
        components.add(row);
        if ("core".equals(component)) {
          h.metrics()
              .forEach(
                  (k, v) -> {
                    if (k.startsWith("channel.")) {
                      channels.put(k.substring("channel.".length()), String.valueOf(v));
                    }
                  });
        }
      } finally {
        context.ungetService(ref);
      }
    }
    return new Checked(components, channels);
  }

  private static Health check(HealthIndicator indicator) {
    try {
      return indicator.check();
    } catch (RuntimeException e) {
      return Health.down("health check failed: " + PluginBundles.message(e));
    }
  }

  private List<ServiceReference<HealthIndicator>> indicators() {
    try {
      return List.copyOf(context.getServiceReferences(HealthIndicator.class, null));
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException("no filter was given", e);
    }
  }
}
