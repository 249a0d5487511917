package org.switchboard.core.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.core.api.health.Health;
import org.switchboard.core.api.health.HealthIndicator;
import org.switchboard.core.api.interaction.InteractionState;

/** Health of the core: schema migrated (we are active), the relay keeping up, channels' states. */
@Component(service = HealthIndicator.class)
public class CoreHealth implements HealthIndicator {
  static final long LAG_LIMIT = 1000;
  private final CoreStore store;
  private final EventRelay relay;
  private final ChannelRegistry channels;
  private final CustomerLookup customers;

  @Activate
  public CoreHealth(
      @Reference CoreStore store,
      @Reference EventRelay relay,
      @Reference ChannelRegistry channels,
      @Reference CustomerLookup customers) {
    this.store = store;
    this.relay = relay;
    this.channels = channels;
    this.customers = customers;
  }

  @Override
  public String component() {
    return "core";
  }

  @Override
  public Health check() {
    try {
      long[] counts =
          store.read(
              c ->
                  new long[] {
                    InteractionRows.countInState(c, InteractionState.QUEUED), EventLog.lastSeq(c)
                  });
      long lag = counts[1] - relay.publishedSeq();
      Map<String, Object> metrics = new LinkedHashMap<>();
      metrics.put("waiting", counts[0]);
      metrics.put("relayLag", lag);
      long[] misses = customers.misses();
      metrics.put("customerLookupTimeouts", misses[0]);
      metrics.put("customerLookupFailures", misses[1]);
      channels.statuses().forEach((ch, s) -> metrics.put("channel." + ch, s.state().name()));
      Instant errorAt = relay.lastErrorAt();
      boolean recentError =
          relay.lastError() != null
              && errorAt != null
              && errorAt.isAfter(Instant.now().minus(Duration.ofSeconds(30)));
      if (recentError || lag > LAG_LIMIT) {
        String why =
            recentError
                ? "event relay failing: " + relay.lastError()
                : "event relay is " + lag + " events behind";
        return new Health(Health.Status.DEGRADED, why, metrics);
      }
      return new Health(Health.Status.UP, counts[0] + " interactions waiting", metrics);
    } catch (RuntimeException e) {
      return Health.down("core database unreachable: " + e.getMessage());
    }
  }
}
