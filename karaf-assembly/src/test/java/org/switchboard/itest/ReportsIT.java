package org.switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentService;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.event.EventHistory;
import org.switchboard.core.api.interaction.Disposition;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.interaction.QueueRequest;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.core.api.queue.QueueService;
import org.switchboard.core.api.skill.Skill;
import org.switchboard.core.api.skill.SkillLevel;
import org.switchboard.core.api.skill.SkillRequirement;
import org.switchboard.core.api.skill.SkillService;
import org.switchboard.reports.api.ReportData;
import org.switchboard.reports.api.ReportResult;
import org.switchboard.reports.api.ReportService;

/**
 * The reports feature in the distribution: the standard reports are installed, the facts follow the
 * core's real events, and updating the report bundle leaves the reports working.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ReportsIT extends SwitchboardTestSupport {
  private static final String STANDARD = "org.switchboard.reports.standard";

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String queue = "reports-" + run;
  private final String agent = "rep-" + run;

  @Test
  public void theStandardReportsCountWhatTheCoreDid() {
    waitFor(
        TIMEOUT,
        () ->
            reports().list().stream()
                .map(d -> d.id())
                .toList()
                .containsAll(
                    List.of("queue-interval", "abandonment", "disposition-summary", "channel-mix")),
        "the standard reports: " + reports().list());
    Instant from = Instant.now().minusSeconds(60);
    setUp();
    InteractionService interactions = getService(InteractionService.class, null);
    Interaction answered = enqueue(interactions, "answered");
    waitFor(
        TIMEOUT,
        () -> interactions.find(answered.id()).orElseThrow().state() == InteractionState.OFFERED,
        "the ACD offering the first chat to " + agent);
    interactions.accept(answered.id(), agent);
    interactions.endConversation(answered.id());
    interactions.complete(answered.id(), new Disposition("resolved", "reports IT"));
    getService(AgentService.class, null).changeState(agent, AgentState.NOT_READY, "break");
    Interaction left = enqueue(interactions, "abandoned");
    interactions.abandon(left.id(), "customer hung up");
    enqueue(interactions, "waiting");

    long last = getService(EventHistory.class, null).lastSequence();
    ReportData facts = getService(ReportData.class, null);
    waitFor(TIMEOUT, () -> facts.upToSequence() >= last, "the facts up to event " + last);

    Map<String, String> params =
        Map.of(
            "from",
            from.toString(),
            "to",
            Instant.now().plusSeconds(60).toString(),
            "queue",
            queue);
    ReportResult r = reports().run("queue-interval", params);
    List<Object> total = r.rows().get(r.rows().size() - 1);
    assertEquals("Total", total.get(1));
    assertEquals(3L, value(r, total, "offered"));
    assertEquals(1L, value(r, total, "answered"));
    assertEquals("left at once: a short abandon", 1L, value(r, total, "shortAbandoned"));
    java.io.ByteArrayOutputStream xlsx = new java.io.ByteArrayOutputStream();
    try {
      reports().export(r, "xlsx", xlsx);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertEquals(
        "an XLSX (zip) file from the wrapped fastexcel",
        "PK",
        new String(xlsx.toByteArray(), 0, 2, java.nio.charset.StandardCharsets.ISO_8859_1));
    ReportResult dispositions = reports().run("disposition-summary", params);
    assertEquals(
        List.of(List.of("resolved", 1L, 1.0, dispositions.rows().get(0).get(3))),
        dispositions.rows());
  }

  /** The staffing calculator checks Erlang C with the ACD's own simulator, and they agree. */
  @Test
  public void theErlangCStaffingIsConfirmedByTheAcdSimulator() {
    waitFor(TIMEOUT, () -> reports().definition("erlang-c").isPresent(), "the staffing calculator");
    ReportResult r =
        reports().run("erlang-c", Map.of("contactsPerHour", "200", "handleTime", "PT3M"));
    List<Object> recommended =
        r.rows().stream().filter(row -> "recommended".equals(row.get(5))).findFirst().orElseThrow();
    assertEquals(14L, recommended.get(0));
    double formula = (Double) recommended.get(3);
    double simulated = (Double) recommended.get(6);
    assertTrue(
        "Erlang C " + formula + " and the simulation " + simulated + " agree within 8 points",
        Math.abs(formula - simulated) < 0.08);
  }

  @Test
  public void updatingTheReportBundleKeepsTheReportsWorking() throws Exception {
    Map<String, String> params =
        Map.of(
            "from", Instant.now().minus(Duration.ofDays(1)).toString(),
            "to", Instant.now().plusSeconds(60).toString());
    waitFor(
        TIMEOUT, () -> reports().definition("queue-interval").isPresent(), "the interval report");
    List<List<Object>> before = reports().run("queue-interval", params).rows();
    Bundle standard = bundle(STANDARD);
    standard.update();
    waitFor(
        TIMEOUT,
        () ->
            standard.getState() == Bundle.ACTIVE
                && reports().definition("queue-interval").isPresent(),
        "the interval report back after the update");
    assertEquals(before, reports().run("queue-interval", params).rows());
    assertTrue(reports().list().size() >= 4);
  }

  /**
   * The catalogue as registered now: while the container settles the engine may be restarted (a
   * service it needs is registered again), and an object fetched earlier is then a stale one.
   */
  private ReportService reports() {
    return getService(ReportService.class, null);
  }

  private static Object value(ReportResult r, List<Object> row, String column) {
    for (int i = 0; i < r.columns().size(); i++) {
      if (r.columns().get(i).id().equals(column)) {
        return row.get(i);
      }
    }
    throw new AssertionError("no column " + column);
  }

  private void setUp() {
    String skill = "rep-skill-" + run;
    getService(SkillService.class, null).create(new Skill(skill, "Reports IT"));
    getService(QueueService.class, null)
        .create(
            new Queue(
                queue,
                queue,
                Set.of(ChannelType.CHAT),
                List.of(new SkillRequirement(skill, 1)),
                50,
                Duration.ofSeconds(20),
                80,
                null,
                null,
                0));
    AgentService agents = getService(AgentService.class, null);
    agents.create(
        new Agent(
            agent,
            agent,
            List.of(new SkillLevel(skill, 5)),
            null,
            Map.of(ChannelType.CHAT, 1),
            null,
            null,
            null,
            0));
    agents.login(agent);
    agents.changeState(agent, AgentState.READY, "");
  }

  private Interaction enqueue(InteractionService interactions, String what) {
    Interaction opened = interactions.open(CoreIT.chat(what + "-" + run));
    return interactions.enqueue(opened.id(), QueueRequest.to(queue));
  }
}
