package org.switchboard.flow.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.flow.api.FlowInfo;
import org.switchboard.flow.api.FlowRun;
import org.switchboard.flow.api.FlowValidationException;
import org.switchboard.flow.api.FlowVersion;
import org.switchboard.flow.impl.runtime.RunSettings;
import org.switchboard.flow.impl.store.FlowHistory;
import org.switchboard.flow.impl.testing.ManualTimers;
import org.switchboard.flow.impl.testing.RecordingSession;

class FlowEngineTest {
  @TempDir Path etc;
  @TempDir Path data;
  private final ManualTimers timers = new ManualTimers();
  private final List<FlowEngine> engines = new ArrayList<>();

  private static String flow(String queue) {
    return """
        id: main
        name: Main line
        start: hello
        nodes:
          hello: {type: play, prompts: [welcome], next: q}
          q: {type: queue, queue: %s}
        """
        .formatted(queue);
  }

  private EngineSettings settings(int scanSeconds) {
    return new EngineSettings(
        etc.resolve("flows"),
        data.resolve("history"),
        new RunSettings("support", 100, 3000),
        scanSeconds);
  }

  /** An engine with inline events and manual timers, scanned by the test. */
  private FlowEngine engine() {
    FlowEngine engine = new FlowEngine(timers.clock(), timers, Runnable::run);
    engine.apply(settings(0));
    engines.add(engine);
    return engine;
  }

  @AfterEach
  void stop() {
    engines.forEach(FlowEngine::deactivate);
  }

  private void write(String file, String text) throws Exception {
    Files.createDirectories(etc.resolve("flows"));
    Path path = etc.resolve("flows").resolve(file);
    Files.writeString(path, text);
    // a new modification time even on file systems with coarse timestamps
    Files.setLastModifiedTime(
        path,
        java.nio.file.attribute.FileTime.fromMillis(
            System.currentTimeMillis() + (long) (Math.random() * 100_000)));
  }

  @Test
  void aValidFileBecomesANewVersionAndRunsKeepTheirVersion() throws Exception {
    write("main.yaml", flow("sales"));
    FlowEngine engine = engine();
    assertThat(engine.flow("main"))
        .get()
        .extracting(FlowInfo::version, FlowInfo::name)
        .containsExactly(1, "Main line");

    RecordingSession early = RecordingSession.voice();
    FlowRun run = engine.start("main", early, Map.of());

    write("main.yaml", flow("billing"));
    engine.scanNow();
    assertThat(engine.flow("main").orElseThrow().version()).isEqualTo(2);

    run.playbackDone();
    assertThat(early.last()).isEqualTo("enqueue sales");
    assertThat(run.flowVersion()).isEqualTo(1);
    RecordingSession late = RecordingSession.voice();
    engine.start("main", late, Map.of()).playbackDone();
    assertThat(late.last()).isEqualTo("enqueue billing");
    assertThat(engine.history("main"))
        .extracting(FlowVersion::version, FlowVersion::active)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, false),
            org.assertj.core.groups.Tuple.tuple(2, true));
  }

  @Test
  void aBrokenFileIsLoggedAndThePreviousVersionStaysActive() throws Exception {
    write("main.yaml", flow("sales"));
    FlowEngine engine = engine();
    PrintStream err = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      write("main.yaml", flow("sales").replace("next: q", "next: nowhere"));
      engine.scanNow();
      engine.scanNow(); // logged once, not at every scan
    } finally {
      System.setErr(err);
    }
    assertThat(engine.flow("main").orElseThrow().version()).isEqualTo(1);
    String logged = log.toString(StandardCharsets.UTF_8);
    assertThat(logged)
        .contains("main.yaml is invalid, version 1 stays active")
        .contains("nodes.hello.next: unknown node 'nowhere'");
    assertThat(logged.split("is invalid", -1)).hasSize(2);
  }

  @Test
  void aBrokenFileAtStartKeepsTheVersionFromHistory() throws Exception {
    write("main.yaml", flow("sales"));
    engine().deactivate();
    engines.clear();
    write("main.yaml", "start: [");
    FlowEngine restarted = engine();
    assertThat(restarted.flow("main").orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void historyAndRollbackSurviveARestart() throws Exception {
    FlowEngine engine = engine();
    engine.deploy("main", flow("sales"));
    engine.deploy("main", flow("billing"));
    assertThat(Files.readString(etc.resolve("flows/main.yaml"))).contains("queue: billing");

    engine.deactivate();
    engines.clear();
    FlowEngine restarted = engine();
    assertThat(restarted.flow("main").orElseThrow().version()).isEqualTo(2);
    assertThat(restarted.history("main")).hasSize(2);

    FlowInfo back = restarted.rollback("main", 1);
    assertThat(back.version()).isEqualTo(3);
    assertThat(back.source()).isEqualTo("rollback to version 1");
    assertThat(Files.readString(etc.resolve("flows/main.yaml"))).contains("queue: sales");
    assertThat(Files.exists(data.resolve("history/main/3.yaml"))).isTrue();
    assertThat(Files.exists(data.resolve("history/main/index.json"))).isTrue();
    RecordingSession session = RecordingSession.voice();
    restarted.start("main", session, Map.of()).playbackDone();
    assertThat(session.last()).isEqualTo("enqueue sales");

    restarted.deactivate();
    engines.clear();
    FlowEngine again = engine();
    assertThat(again.flow("main").orElseThrow().version()).isEqualTo(3);
    assertThat(again.history("main"))
        .extracting(FlowVersion::source)
        .containsExactly("deploy", "deploy", "rollback to version 1");
    assertThatThrownBy(() -> again.rollback("main", 9)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void deployRefusesAnInvalidDocumentWithItsProblems() throws Exception {
    FlowEngine engine = engine();
    assertThatThrownBy(
            () -> engine.deploy("main", flow("sales").replace("type: queue", "type: queeu")))
        .isInstanceOf(FlowValidationException.class)
        .satisfies(
            e ->
                assertThat(((FlowValidationException) e).problems())
                    .anySatisfy(
                        p -> {
                          assertThat(p.path()).isEqualTo("nodes.q.type");
                          assertThat(p.line()).isEqualTo(6);
                        }))
        .hasMessageContaining("line 6: nodes.q.type: unknown node type 'queeu'");
    assertThat(engine.flows()).isEmpty();
    assertThat(Files.exists(etc.resolve("flows/main.yaml"))).isFalse();
    assertThat(engine.validate(flow("sales"))).isEmpty();
  }

  @Test
  void documentGivesTheExactTextOfEveryVersion() throws Exception {
    write("main.yaml", flow("sales"));
    FlowEngine engine = engine();
    String json =
        "{\"start\": \"q\",\n \"nodes\": {\"q\": {\"type\": \"queue\", \"queue\": \"json\"}}}\n";
    engine.deploy("main", flow("billing"));
    engine.deploy("main", json);
    engine.rollback("main", 1);

    assertThat(engine.document("main", 1)).contains(flow("sales"));
    assertThat(engine.document("main", 2)).contains(flow("billing"));
    assertThat(engine.document("main", 3)).contains(json);
    assertThat(engine.document("main", 4)).contains(flow("sales"));
    assertThat(engine.history("main"))
        .extracting(FlowVersion::version, FlowVersion::source, FlowVersion::active)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "file " + etc.resolve("flows/main.yaml"), false),
            org.assertj.core.groups.Tuple.tuple(2, "deploy", false),
            org.assertj.core.groups.Tuple.tuple(3, "deploy", false),
            org.assertj.core.groups.Tuple.tuple(4, "rollback to version 1", true));
    for (FlowVersion v : engine.history("main")) {
      assertThat(engine.document("main", v.version()).map(FlowHistory::sha256))
          .as("the text of version " + v.version() + " is the one its SHA-256 names")
          .contains(v.sha256());
    }

    assertThat(engine.document("main", 5)).isEmpty();
    assertThat(engine.document("main", 0)).isEmpty();
    assertThat(engine.document("nope", 1)).isEmpty();
    assertThat(engine.document("../history/main", 1)).isEmpty();
    assertThat(engine.document(null, 1)).isEmpty();

    Files.delete(etc.resolve("flows/main.yaml"));
    engine.scanNow();
    assertThat(engine.flows()).isEmpty();
    assertThat(engine.document("main", 3))
        .as("a removed flow's history stays readable")
        .contains(json);
  }

  @Test
  void aJsonDeployReplacesTheYamlFileAndADeletedFileRemovesTheFlow() throws Exception {
    write("main.yaml", flow("sales"));
    FlowEngine engine = engine();
    engine.deploy(
        "main",
        "{\"start\": \"q\", \"nodes\": {\"q\": {\"type\": \"queue\", \"queue\": \"json\"}}}");
    assertThat(Files.exists(etc.resolve("flows/main.yaml"))).isFalse();
    assertThat(Files.exists(etc.resolve("flows/main.json"))).isTrue();
    assertThat(Files.exists(data.resolve("history/main/2.json"))).isTrue();
    engine.scanNow();
    assertThat(engine.flow("main").orElseThrow().version()).isEqualTo(2);

    Files.delete(etc.resolve("flows/main.json"));
    engine.scanNow();
    assertThat(engine.flows()).isEmpty();
    assertThat(engine.history("main")).hasSize(2);
  }

  @Test
  void aMissingFlowGoesToTheFallbackQueue() {
    FlowEngine engine = engine();
    RecordingSession session = RecordingSession.voice();
    FlowRun run = engine.start("nope", session, null);
    assertThat(session.calls()).containsExactly("enqueue support");
    assertThat(run.ended()).isTrue();
  }

  @Test
  void onRealThreadsTheWatcherPicksUpFilesAndRunsComplete() throws Exception {
    FlowEngine engine = new FlowEngine(java.time.Clock.systemUTC(), null, null);
    engines.add(engine);
    engine.apply(settings(1));
    CountDownLatch loaded = new CountDownLatch(1);
    engine.repository().addListener(id -> loaded.countDown());
    write("main.yaml", flow("sales"));
    assertThat(loaded.await(10, TimeUnit.SECONDS)).as("the watcher loaded main.yaml").isTrue();

    java.util.concurrent.CompletableFuture<FlowRun> run =
        new java.util.concurrent.CompletableFuture<>();
    RecordingSession session =
        new RecordingSession(org.switchboard.core.api.ChannelType.VOICE) {
          @Override
          public void play(List<String> prompts, boolean bargeIn) {
            super.play(prompts, bargeIn);
            run.thenAccept(FlowRun::playbackDone); // the prompt "ends" at once, without blocking
          }
        };
    run.complete(engine.start("main", session, Map.of()));
    assertThat(session.awaitEnd(5)).isTrue();
    assertThat(session.enqueued().queue()).isEqualTo("sales");
  }
}
