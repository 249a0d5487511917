package org.switchboard.acd.impl.engine;

import org.switchboard.acd.api.RoutingStrategy;

/** Finds the strategy a queue's policy names; null while it is unavailable. */
@FunctionalInterface
public interface StrategyResolver {
  RoutingStrategy resolve(String strategyId);
}
