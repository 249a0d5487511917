package org.switchboard.reports.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.core.api.agent.AgentService;
import org.switchboard.core.api.interaction.InteractionQuery;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.queue.QueueService;
import org.switchboard.reports.api.QueueFigures;
import org.switchboard.reports.api.QueueMetrics;
import org.switchboard.reports.api.ReportData;
import org.switchboard.reports.api.Wallboard;
import org.switchboard.reports.api.WallboardService;

/**
 * The live wallboard: the core's queues, agents and open interactions, with today's figures from
 * the report facts. Taken at most once a second, however many screens ask. Configured by the
 * reports' PID ({@link ReportsConfig}: zone and alert thresholds).
 */
@Component(service = WallboardService.class, configurationPid = "org.switchboard.reports")
public class LiveWallboard implements WallboardService {
  private static final long REFRESH_MILLIS = 1000;
  private static final EnumSet<InteractionState> OPEN =
      EnumSet.of(
          InteractionState.QUEUED,
          InteractionState.OFFERED,
          InteractionState.CONNECTED,
          InteractionState.HELD,
          InteractionState.WRAP_UP);

  private final QueueService queues;
  private final AgentService agents;
  private final InteractionService interactions;
  private final ReportData facts;
  private final ZoneId zone;
  private final BoardModel.Thresholds thresholds;
  private final Clock clock;
  private Wallboard last;
  private long lastMillis;

  @Activate
  public LiveWallboard(
      @Reference QueueService queues,
      @Reference AgentService agents,
      @Reference InteractionService interactions,
      @Reference ReportData facts,
      ReportsConfig config) {
    this.queues = queues;
    this.agents = agents;
    this.interactions = interactions;
    this.facts = facts;
    this.zone = config.zone().isBlank() ? ZoneId.systemDefault() : ZoneId.of(config.zone().strip());
    this.thresholds =
        new BoardModel.Thresholds(
            Math.max(1, config.alertWaiting()), Math.max(1, config.alertLongestWaitSeconds()));
    this.clock = Clock.systemUTC();
  }

  @Override
  public synchronized Wallboard now() {
    long millis = clock.millis();
    if (last != null && millis - lastMillis < REFRESH_MILLIS) {
      return last;
    }
    Instant now = Instant.ofEpochMilli(millis);
    Instant midnight = LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
    Map<String, QueueMetrics.Accumulator> sums = new HashMap<>();
    facts.forEachVisit(
        midnight,
        now.plusSeconds(1),
        null,
        v ->
            sums.computeIfAbsent(v.queue(), q -> new QueueMetrics.Accumulator(facts.settings(q)))
                .add(v));
    Map<String, QueueFigures> today = new HashMap<>();
    sums.forEach((q, a) -> today.put(q, a.figures()));
    last =
        BoardModel.of(
            queues.list(),
            agents.list(),
            interactions.list(
                new InteractionQuery(OPEN, null, null, null, InteractionQuery.MAX_LIMIT)),
            today,
            now,
            midnight,
            thresholds);
    lastMillis = millis;
    return last;
  }
}
