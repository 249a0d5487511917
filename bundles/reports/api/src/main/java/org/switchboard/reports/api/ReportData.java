package org.switchboard.reports.api;

import java.time.Instant;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The facts reports compute from, projected from the core's event log. Registered by the reports
 * engine; report bundles receive it in {@link Report#run}.
 */
@ProviderType
public interface ReportData {
  /**
   * Hands each queue visit that started (entered its queue) in {@code [from, to)} to {@code
   * action}, oldest first, without holding them all in memory.
   *
   * @param queue only this queue's, or every queue's when null
   */
  void forEachVisit(Instant from, Instant to, String queue, Consumer<QueueVisit> action);

  /**
   * Hands each agent state span that overlaps {@code [from, to)} to {@code action}, by agent and
   * start.
   *
   * @param agent only this agent's, or every agent's when null
   * @since 1.1
   */
  void forEachAgentSpan(Instant from, Instant to, String agent, Consumer<AgentSpan> action);

  /**
   * The thresholds and service-level variant of a queue: the queue's own service-level threshold,
   * and the variant and short-abandon threshold the reports configuration gives it.
   */
  MetricSettings settings(String queue);

  /** The newest event the facts include ({@code 0} before the first). */
  long upToSequence();
}
