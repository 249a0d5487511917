package org.switchboard.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.switchboard.e2e.HttpProbe.Login;

/**
 * {@code switchboard-upgrade} on an installation laid out like the appliance: the program in {@code
 * opt/<version>} with {@code opt/current} pointing at it, configuration and data in a base
 * directory of their own. Version N runs with data; N+1 is the same distribution with a newer
 * version, a new schema migration in the core bundle and changed default configuration. The upgrade
 * keeps every queue and interaction, runs the migration on them, merges the configuration; the
 * rollback brings N back with its database from the pre-upgrade backup. Distributions that are not
 * newer, or not distributions, are refused while N runs on.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class UpgradeE2EIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Login ADMIN = new Login("admin", "admin");
  private static final Path BUILT = Path.of("target", "assembly");
  private static final String OLD = "0.1.0-SNAPSHOT";
  private static final String NEW = "0.1.1-upgrade-e2e";
  private static final String QUEUE = "upgrade-e2e";
  private static final Duration SCRIPT = Duration.ofMinutes(10);
  private static final String MIGRATION =
      "-- An N+1 migration: counts the queues N left behind.\n"
          + "CREATE TABLE upgrade_e2e (queues INT NOT NULL);\n"
          + "INSERT INTO upgrade_e2e (queues) SELECT COUNT(*) FROM queue;\n";

  private static final String UNCHANGED_BY_ADMIN = "etc/org.apache.karaf.webconsole.cfg";
  private static final String LATEST_CORE_MIGRATION =
      "SELECT MAX(\"version\") FROM \"schema_history_core\" WHERE \"success\"";

  private static Path dir;
  private static Path opt;
  private static Path base;
  private static Map<String, String> env;
  private static HttpProbe http;
  private static int httpPort;
  private static int sshPort;
  private static String chat;
  private static int queues;

  @BeforeClass
  public static void installAndStartN() throws Exception {
    dir = Path.of("target", "e2e", "upgrade").toAbsolutePath();
    RunningDistribution.stopDaemon(dir.resolve("base"), dir.resolve("opt/current/bin"), Map.of());
    RunningDistribution.deleteTree(dir);
    opt = Files.createDirectories(dir.resolve("opt"));
    RunningDistribution.copyTree(BUILT, opt.resolve(OLD));
    Files.createSymbolicLink(opt.resolve("current"), Path.of(OLD));
    base = Files.createDirectories(dir.resolve("base"));
    RunningDistribution.copyTree(BUILT.resolve("etc"), base.resolve("etc"));
    RunningDistribution.copyTree(BUILT.resolve("deploy"), base.resolve("deploy"));
    Files.createDirectories(base.resolve("data"));
    httpPort = RunningDistribution.freePort();
    sshPort = RunningDistribution.freePort();
    Ports.assign(base, httpPort, sshPort, RunningDistribution.freePort());
    env = new HashMap<>();
    env.put("KARAF_HOME", opt.resolve("current").toString());
    env.put("KARAF_BASE", base.toString());
    env.put("KARAF_ETC", base.resolve("etc").toString());
    env.put("KARAF_DATA", base.resolve("data").toString());
    env.put("SWITCHBOARD_DEMO", "true");
    env.put("SWITCHBOARD_START_TIMEOUT", "300");
    env.put("SWITCHBOARD_BACKUP_DIR", dir.resolve("backups").toString());
    http = new HttpProbe("http://127.0.0.1:" + httpPort);

    run(List.of(opt.resolve("current/bin/start").toString()));
    awaitUp();
    HttpResponse<String> q =
        http.post(
            "/api/v1/queues",
            ADMIN,
            "{\"id\":\""
                + QUEUE
                + "\",\"name\":\"Before the upgrade\",\"channels\":[\"chat\"],"
                + "\"priority\":10,\"serviceLevelThreshold\":\"PT20S\",\"serviceLevelTarget\":80}");
    assertEquals(q.body(), 201, q.statusCode());
    HttpResponse<String> i =
        http.post(
            "/api/v1/interactions",
            ADMIN,
            "{\"channel\":\"chat\",\"direction\":\"INBOUND\",\"from\":\"upgrade@example.com\","
                + "\"to\":\"web\",\"queue\":\""
                + QUEUE
                + "\"}");
    assertEquals(i.body(), 201, i.statusCode());
    chat = JSON.readTree(i.body()).path("id").asText();
    queues = read("/api/v1/queues").size();
  }

  @AfterClass
  public static void stop() {
    if (dir != null) {
      RunningDistribution.stopDaemon(base, opt.resolve("current/bin"), env);
    }
  }

  @Test
  public void a_aDistributionThatIsNotNewerOrNotOneIsRefused() throws Exception {
    String pid = Files.readString(base.resolve("karaf.pid")).trim();
    Path same = distribution(OLD, false);
    OpsScript.Run notNewer = ops().run(SCRIPT, "switchboard-upgrade", same.toString());
    assertNotEquals(notNewer.toString(), 0, notNewer.exitCode());
    assertTrue(
        notNewer.output(), notNewer.output().contains("not newer than the installed " + OLD));

    Path junk = Files.createDirectories(dir.resolve("junk/nothing-here"));
    Files.writeString(junk.resolve("README"), "not Switchboard\n");
    Path junkTar = dir.resolve("junk.tar.gz");
    run(
        List.of(
            "tar", "-czf", junkTar.toString(), "-C", junk.getParent().toString(), "nothing-here"));
    OpsScript.Run notOne = ops().run(SCRIPT, "switchboard-upgrade", junkTar.toString());
    assertNotEquals(notOne.toString(), 0, notOne.exitCode());
    assertTrue(
        notOne.output(), notOne.output().contains("does not look like a Switchboard distribution"));

    assertEquals(pid, Files.readString(base.resolve("karaf.pid")).trim());
    assertEquals(Path.of(OLD), Files.readSymbolicLink(opt.resolve("current")));
    assertEquals(200, http.status("/api/health", null));
  }

  @Test
  public void b_theUpgradeKeepsTheDataRunsTheMigrationAndMergesTheConfiguration() throws Exception {
    Path next = distribution(NEW, true);
    OpsScript.Run upgrade = ops().run(SCRIPT, "switchboard-upgrade", next.toString());
    assertEquals(upgrade.toString(), 0, upgrade.exitCode());
    assertTrue(upgrade.output(), upgrade.output().contains("upgraded to " + NEW));
    assertEquals(Path.of(NEW), Files.readSymbolicLink(opt.resolve("current")));
    assertEquals(Path.of(OLD), Files.readSymbolicLink(opt.resolve("previous")));
    awaitUp();

    assertData();
    assertEquals("value= " + queues, sql("SELECT queues FROM upgrade_e2e"));
    assertEquals("value= 4", sql(LATEST_CORE_MIGRATION));
    // A default the admin never changed takes the new version's; one they changed (the ports)
    // stays theirs, with the new default beside it.
    assertTrue(Files.readString(base.resolve(UNCHANGED_BY_ADMIN)).contains(NEW));
    String web = Files.readString(base.resolve("etc/org.ops4j.pax.web.cfg"));
    assertTrue(web, web.contains("org.osgi.service.http.port = " + httpPort));
    assertTrue(Files.exists(base.resolve("etc/org.ops4j.pax.web.cfg.new-" + NEW)));
    assertTrue(upgrade.output(), upgrade.output().contains("CHECK      org.ops4j.pax.web.cfg"));
  }

  @Test
  public void c_theRollbackBringsBackTheOldVersionAndItsDatabase() throws Exception {
    OpsScript.Run rollback = ops().run(SCRIPT, "switchboard-upgrade", "--rollback");
    assertEquals(rollback.toString(), 0, rollback.exitCode());
    assertTrue(rollback.output(), rollback.output().contains("rolled back to " + OLD));
    assertEquals(Path.of(OLD), Files.readSymbolicLink(opt.resolve("current")));
    awaitUp();

    assertData();
    assertEquals("value= 3", sql(LATEST_CORE_MIGRATION));
    String gone = sql("SELECT queues FROM upgrade_e2e");
    assertTrue(gone, gone.toUpperCase().contains("UPGRADE_E2E"));
    assertTrue(gone, gone.contains("not found"));
    String unchanged = Files.readString(base.resolve(UNCHANGED_BY_ADMIN));
    assertTrue(unchanged, !unchanged.contains(NEW));
  }

  private static void assertData() throws IOException {
    JsonNode queue = read("/api/v1/queues/" + QUEUE);
    assertEquals(queue.toString(), "Before the upgrade", queue.path("name").asText());
    assertEquals(queues, read("/api/v1/queues").size());
    JsonNode interaction = read("/api/v1/interactions/" + chat);
    assertEquals(interaction.toString(), QUEUE, interaction.path("queue").asText());
    assertEquals(interaction.toString(), "QUEUED", interaction.path("state").asText());
  }

  /** A resource read as the admin (retried while the REST application rebuilds). */
  private static JsonNode read(String path) throws IOException {
    return JSON.readTree(http.getOk(path, ADMIN).body());
  }

  /**
   * A distribution archive of this build as version {@code version}; with {@code changed}, the core
   * bundle carries one more schema migration and a default configuration file is new.
   */
  private static Path distribution(String version, boolean changed) throws IOException {
    Path top = dir.resolve("dist").resolve("switchboard-" + version);
    RunningDistribution.deleteTree(top);
    RunningDistribution.copyTree(BUILT, top);
    Path archive = dir.resolve("dist").resolve("switchboard-" + version + ".tar.gz");
    if (changed) {
      Files.writeString(top.resolve("switchboard.version"), version + "\n");
      Path core =
          top.resolve(
              "system/org/switchboard/org.switchboard.core.impl/"
                  + OLD
                  + "/org.switchboard.core.impl-"
                  + OLD
                  + ".jar");
      try (FileSystem jar = FileSystems.newFileSystem(core)) {
        Files.writeString(jar.getPath("db/migration/core/V4__upgrade_e2e.sql"), MIGRATION);
      }
      Files.writeString(
          top.resolve(UNCHANGED_BY_ADMIN),
          "\n# default changed in " + version + "\n",
          StandardOpenOption.APPEND);
      Files.writeString(
          top.resolve("etc/org.ops4j.pax.web.cfg"),
          "\n# default changed in " + version + "\n",
          StandardOpenOption.APPEND);
    }
    run(
        List.of(
            "tar",
            "-czf",
            archive.toString(),
            "-C",
            top.getParent().toString(),
            top.getFileName().toString()));
    RunningDistribution.deleteTree(top);
    return archive;
  }

  private static OpsScript ops() {
    return new OpsScript(opt.resolve("current/bin"), env, dir.resolve("ops-logs"));
  }

  private static void awaitUp() {
    RunningDistribution.waitFor(
        Duration.ofSeconds(300), () -> http.status("/api/health", null) == 200, "health 200");
    RunningDistribution.awaitRestResources(http, Duration.ofSeconds(120));
    RunningDistribution.waitFor(
        Duration.ofSeconds(60),
        () -> http.status("/api/v1/queues/support", ADMIN) == 200,
        "demo users and queues");
  }

  /** The first column of the first row of a query, as {@code value= ...}, or the shell's error. */
  private static String sql(String query) {
    String script =
        "refs = $.context serviceReferences javax.sql.DataSource \"(dataSourceName=switchboard)\" ;"
            + " each $refs { ds = $.context service $it ; c = $ds connection ;"
            + " st = $c createStatement ; rs = $st executeQuery '"
            + query
            + "' ; $rs next ; echo value= ($rs getString 1) ; $c close ;"
            + " $.context ungetService $it }";
    String out =
        run(
            List.of(
                opt.resolve("current/bin/client").toString(),
                "-h",
                "127.0.0.1",
                "-a",
                String.valueOf(sshPort),
                "-u",
                "admin",
                "-p",
                "admin",
                "-r",
                "3",
                script));
    return out.lines().filter(l -> !l.startsWith("client:")).reduce("", (a, b) -> a + b).strip();
  }

  /** Runs a command with the installation's environment; returns what it printed. */
  private static String run(List<String> cmd) {
    try {
      Path out = Files.createTempFile(dir, "command-", ".out");
      ProcessBuilder pb =
          new ProcessBuilder(new ArrayList<>(cmd))
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      pb.environment().putAll(env == null ? Map.of() : env);
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(cmd + " did not finish within 120 s");
      }
      String printed = Files.readString(out);
      Files.delete(out);
      return printed;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
