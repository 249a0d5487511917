package org.switchboard.acd.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.acd.api.Candidate;
import org.switchboard.acd.api.RoutingRequest;
import org.switchboard.acd.api.RoutingStrategy;

/**
 * The routing strategies registered in the container, tracked dynamically so that strategy bundles
 * can be updated under traffic. Listeners hear about every change.
 */
@Component(service = StrategyRegistry.class)
public class StrategyRegistry {
  /** What a queue gets when its strategy stayed missing past the grace period. */
  static final RoutingStrategy FALLBACK =
      new RoutingStrategy() {
        @Override
        public String id() {
          return "fallback-longest-idle";
        }

        @Override
        public double score(RoutingRequest request, Candidate candidate) {
          return 0;
        }
      };

  private static final Logger LOG = LoggerFactory.getLogger(StrategyRegistry.class);
  private final Map<String, RoutingStrategy> byId = new ConcurrentHashMap<>();
  private final Map<String, Instant> missingSince = new ConcurrentHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final Clock clock = Clock.systemUTC();

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addStrategy(RoutingStrategy strategy) {
    byId.put(strategy.id(), strategy);
    missingSince.remove(strategy.id());
    LOG.info("Routing strategy '{}' available", strategy.id());
    listeners.forEach(Runnable::run);
  }

  void removeStrategy(RoutingStrategy strategy) {
    if (byId.remove(strategy.id(), strategy)) {
      missingSince.putIfAbsent(strategy.id(), clock.instant());
      LOG.info("Routing strategy '{}' went away", strategy.id());
    }
    listeners.forEach(Runnable::run);
  }

  /** The strategy, or null when it is not registered. */
  RoutingStrategy find(String id) {
    return byId.get(id);
  }

  /**
   * The strategy; while missing, null for up to {@code grace} (interactions wait for it), then the
   * longest-idle fallback.
   */
  RoutingStrategy resolve(String id, Duration grace) {
    RoutingStrategy s = byId.get(id);
    if (s != null) {
      return s;
    }
    Instant since = missingSince.computeIfAbsent(id, k -> clock.instant());
    return Duration.between(since, clock.instant()).compareTo(grace) >= 0 ? FALLBACK : null;
  }

  /** Whether some strategy asked for is missing (the router then re-checks regularly). */
  boolean anyMissing() {
    return !missingSince.isEmpty();
  }

  /** Ids of the registered strategies, sorted. */
  List<String> ids() {
    return List.copyOf(new TreeSet<>(byId.keySet()));
  }

  void onChange(Runnable listener) {
    listeners.add(listener);
  }

  void removeListener(Runnable listener) {
    listeners.remove(listener);
  }
}
