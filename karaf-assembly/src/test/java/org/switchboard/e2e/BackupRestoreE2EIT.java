package org.switchboard.e2e;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.switchboard.e2e.HttpProbe.Login;

/**
 * The ops scripts on a plain distribution (run from its bin/, nothing else configured): a health
 * check, a support bundle without secrets, an online backup of a demo appliance holding a new
 * queue, a new agent, interactions and a recorded call (baresip on both ends), refusal of a
 * tampered backup without touching the running appliance, and a restore after the data directory
 * was destroyed that brings all of it back, recording audio byte for byte.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class BackupRestoreE2EIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Login ADMIN = new Login("admin", "admin");
  private static final Login SUPERVISOR = new Login("supervisor", "supervisor");
  private static final Duration EVENT = Duration.ofSeconds(30);
  private static final Duration SCRIPT = Duration.ofMinutes(6);
  private static final String QUEUE = "backup-e2e";
  private static final String AGENT = "agent-backup";

  private static RunningDistribution appliance;
  private static Desk desk;
  private static OpsScript ops;
  private static Path backups;
  private static Path backup;
  private static String call;
  private static String chat;
  private static String recording;
  private static byte[] audio;

  @BeforeClass
  public static void start() {
    appliance =
        Desk.demoAppliance(
            "backup",
            Map.of(),
            home ->
                Ports.set(
                    home, "org.switchboard.recording.cfg", Map.of("recordQueues", "support")));
    desk = new Desk(appliance);
    backups = appliance.home().resolveSibling("backup-files");
    RunningDistribution.deleteTree(backups);
    ops =
        new OpsScript(
            appliance.home().resolve("bin"),
            Map.of("SWITCHBOARD_DEMO", "true", "SWITCHBOARD_START_TIMEOUT", "300"),
            appliance.home().resolveSibling("backup-ops-logs"));
  }

  @AfterClass
  public static void stop() {
    if (appliance != null) {
      appliance.close();
    }
  }

  @Test
  public void a_healthCheckNamesEveryComponent() {
    OpsScript.Run health = ops.run(Duration.ofMinutes(1), "switchboard-health");
    assertEquals(health.toString(), 0, health.exitCode());
    assertTrue(health.output(), health.output().startsWith("Switchboard health: UP"));
    for (String component : List.of("db", "broker", "core", "sip", "media")) {
      assertTrue(health.output(), health.output().matches("(?s).*\\n  " + component + " +UP .*"));
    }
  }

  @Test
  public void b_theSupportBundleHoldsLogsAndConfigurationButNoSecret() throws Exception {
    OpsScript.Run run =
        ops.run(Duration.ofMinutes(2), "switchboard-support-bundle", "--dir", backups.toString());
    assertEquals(run.toString(), 0, run.exitCode());
    Path bundle = Path.of(run.lastLine());
    List<String> entries = tar("-tzf", bundle.toString()).lines().toList();
    assertTrue(entries.toString(), entries.stream().anyMatch(e -> e.endsWith("logs/karaf.log")));
    assertTrue(
        entries.toString(), entries.stream().anyMatch(e -> e.endsWith("etc/users.properties")));
    assertFalse(entries.toString(), entries.stream().anyMatch(e -> e.endsWith("etc/host.key")));
    String users = tar("-xzOf", bundle.toString(), "--wildcards", "*/etc/users.properties");
    assertTrue(users, users.contains("agent1"));
    String everything = tar("-xzOf", bundle.toString());
    assertFalse(
        "no password hash anywhere",
        java.util.regex.Pattern.compile("\\{CRYPT\\}[0-9A-Fa-f]{32}").matcher(everything).find());
    assertFalse("no private key anywhere", everything.contains("PRIVATE KEY-----\n"));
  }

  @Test
  public void c_anOnlineBackupHoldsDatabaseJournalRecordingsAndConfiguration() throws Exception {
    created(
        "/api/v1/queues",
        "{\"id\":\""
            + QUEUE
            + "\",\"name\":\"Backup\",\"channels\":[\"chat\"],"
            + "\"priority\":10,\"serviceLevelThreshold\":\"PT20S\",\"serviceLevelTarget\":80}");
    created(
        "/api/v1/agents",
        "{\"id\":\""
            + AGENT
            + "\",\"displayName\":\"Bea Backup\","
            + "\"skills\":[],\"teams\":[\"team-a\"],\"capacity\":{\"voice\":1,\"chat\":2}}");
    chat =
        JSON.readTree(
                created(
                    "/api/v1/interactions",
                    "{\"channel\":\"chat\",\"direction\":\"INBOUND\",\"from\":\"backup@example.com\","
                        + "\"to\":\"web\",\"queue\":\""
                        + QUEUE
                        + "\"}"))
            .path("id")
            .asText();
    recordedCall();

    OpsScript.Run run =
        ops.run(
            SCRIPT,
            "switchboard-backup",
            "--dir",
            backups.toString(),
            "--client-user",
            "admin",
            "--client-password",
            "admin");
    assertEquals(run.toString(), 0, run.exitCode());
    assertTrue(run.output(), run.output().contains("online, consistent"));
    backup = Path.of(run.lastLine());
    String list = tar("-tzf", backup.toString());
    for (String part :
        List.of(
            "switchboard-backup/MANIFEST",
            "switchboard-backup/SHA256SUMS",
            "switchboard-backup/db/switchboard.zip",
            "switchboard-backup/data/artemis/",
            "switchboard-backup/data/recordings/",
            "switchboard-backup/etc/users.properties",
            "switchboard-backup/etc/org.switchboard.recording.cfg")) {
      assertTrue(part + " in\n" + list, list.contains(part));
    }
    String manifest = tar("-xzOf", backup.toString(), "switchboard-backup/MANIFEST");
    assertTrue(manifest, manifest.contains("mode=online"));
    assertTrue(manifest, manifest.contains("database=h2"));
  }

  @Test
  public void d_aTamperedOrForeignBackupIsRefusedAndTheApplianceRunsOn() throws Exception {
    Path tampered = backups.resolve("tampered.tar.gz");
    Path unpacked = Files.createDirectories(backups.resolve("tampered"));
    tar("-xzf", backup.toString(), "-C", unpacked.toString());
    Files.writeString(
        unpacked.resolve("switchboard-backup/etc/users.properties"),
        "intruder = {CRYPT}00{CRYPT},_g_:admingroup\n",
        java.nio.file.StandardOpenOption.APPEND);
    tar("-czf", tampered.toString(), "-C", unpacked.toString(), "switchboard-backup");
    String pid = Files.readString(appliance.home().resolve("karaf.pid")).trim();

    OpsScript.Run refused = ops.run(SCRIPT, "switchboard-restore", tampered.toString());
    assertNotEquals(refused.toString(), 0, refused.exitCode());
    assertTrue(
        refused.output(), refused.output().contains("checksums of " + tampered + " do not match"));

    Path foreign = Files.writeString(backups.resolve("notes.tar.gz"), "not a backup\n");
    OpsScript.Run notABackup = ops.run(SCRIPT, "switchboard-restore", foreign.toString());
    assertNotEquals(notABackup.toString(), 0, notABackup.exitCode());
    assertTrue(notABackup.output(), notABackup.output().contains("is not a readable .tar.gz"));

    assertEquals(
        "the same container runs",
        pid,
        Files.readString(appliance.home().resolve("karaf.pid")).trim());
    assertEquals(200, appliance.http().status("/api/health", null));
    assertEquals(200, appliance.http().status("/api/v1/queues/" + QUEUE, ADMIN));
    String users = Files.readString(appliance.home().resolve("etc/users.properties"));
    assertFalse(users, users.contains("intruder"));
  }

  @Test
  public void e_aRestoreAfterTheDataIsDestroyedBringsEverythingBack() throws Exception {
    appliance.stop();
    RunningDistribution.deleteTree(appliance.home().resolve("data"));

    OpsScript.Run run = ops.run(SCRIPT, "switchboard-restore", backup.toString());
    assertEquals(run.toString(), 0, run.exitCode());
    assertTrue(run.output(), run.output().contains("database restored"));
    HttpProbe http = appliance.http();
    RunningDistribution.awaitRestResources(http, Duration.ofSeconds(120));

    JsonNode queue = JSON.readTree(http.get("/api/v1/queues/" + QUEUE, ADMIN).body());
    assertEquals(queue.toString(), "Backup", queue.path("name").asText());
    JsonNode agent = JSON.readTree(http.get("/api/v1/agents/" + AGENT, ADMIN).body());
    assertEquals(agent.toString(), "Bea Backup", agent.path("displayName").asText());
    JsonNode restoredChat = desk.interaction(chat);
    assertEquals(restoredChat.toString(), QUEUE, restoredChat.path("queue").asText());
    JsonNode restoredCall = desk.interaction(call);
    assertEquals(restoredCall.toString(), "CLOSED", restoredCall.path("state").asText());
    JsonNode recordings =
        JSON.readTree(http.get("/api/v1/recordings?interaction=" + call, SUPERVISOR).body());
    assertEquals(recordings.toString(), 1, recordings.size());
    assertEquals(recording, recordings.get(0).path("id").asText());
    assertArrayEquals("the recording's audio, byte for byte", audio, audio(recording));
  }

  /** A customer calls the support queue (recorded) and talks to agent4 for two seconds. */
  private static void recordedCall() throws Exception {
    int sip = appliance.sipPort();
    try (Baresip phone = Baresip.start(90, 440, false);
        Baresip customer = Baresip.start(90, 1000, false)) {
      phone.addAccount(
          "<sip:agent4@127.0.0.1:" + sip + ">;auth_pass=agent4;answermode=auto;regint=300");
      phone.awaitEvent("REGISTER_OK", EVENT);
      customer.addAccount("<sip:customer@127.0.0.1>;regint=0");
      desk.ready("agent4");
      JsonNode dial = customer.command("dial", "sip:100@127.0.0.1:" + sip, EVENT);
      assertTrue(dial.toString() + customer.tail(), dial.path("ok").asBoolean());
      customer.awaitEvent("CALL_ESTABLISHED", EVENT);
      Baresip.talkFor(2_000);
      customer.command("hangup", "", EVENT);
      customer.awaitEvent("CALL_CLOSED", EVENT);
      phone.awaitEvent("CALL_CLOSED", EVENT);
    }
    call = desk.latestCall("agent4").path("id").asText();
    desk.complete(call);
    desk.state("agent4", "NOT_READY");
    JsonNode[] found = new JsonNode[1];
    RunningDistribution.waitFor(
        Duration.ofSeconds(20),
        () -> {
          found[0] = read("/api/v1/recordings?interaction=" + call);
          return found[0].size() == 1;
        },
        "the recording of " + call);
    recording = found[0].get(0).path("id").asText();
    audio = audio(recording);
    assertTrue("a second of stereo audio or more", audio.length > 32_000);
  }

  private static byte[] audio(String id) throws IOException {
    HttpResponse<byte[]> r =
        appliance
            .http()
            .getBytes("/api/v1/recordings/" + id + "/audio?purpose=backup%20check", SUPERVISOR);
    assertEquals(200, r.statusCode());
    return r.body();
  }

  private static String created(String path, String body) throws IOException {
    HttpResponse<String> r = appliance.http().post(path, ADMIN, body);
    assertEquals(r.body(), 201, r.statusCode());
    return r.body();
  }

  private static JsonNode read(String path) {
    try {
      return JSON.readTree(appliance.http().get(path, SUPERVISOR).body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs tar (an independent tool) and returns what it printed; fails when tar does. */
  private static String tar(String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("tar"));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue("tar did not finish", p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(cmd + ": " + out, 0, p.exitValue());
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
