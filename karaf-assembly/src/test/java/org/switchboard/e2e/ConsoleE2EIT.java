package org.switchboard.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.e2e.HttpProbe.Login;

/**
 * Switchboard's pages of the Karaf web console in Chromium (Playwright) against the started demo
 * appliance, as the admin uses them: queues, agents and skills, logins and phone passwords, flows,
 * plugins (the hot swap as a button, a partner's KAR), reports; the appliance's own APIs and the
 * audit log confirm each change. Screenshots of every step are in {@code target/e2e-screenshots}.
 */
public class ConsoleE2EIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Login ADMIN = new Login("admin", "admin");
  private static final Login SUPERVISOR = new Login("supervisor", "supervisor");
  private static final Duration EVENT = Duration.ofSeconds(30);

  private static Browser browser;
  private static RunningDistribution appliance;

  @BeforeClass
  public static void start() {
    browser = Browser.shop();
    appliance = Desk.demoAppliance("console");
    browser.pointAt("http://127.0.0.1:" + appliance.httpPort());
  }

  @AfterClass
  public static void stop() {
    if (appliance != null) {
      appliance.close();
    }
    if (browser != null) {
      browser.close();
    }
  }

  private static JsonNode console(String scenario, Map<String, String> env) throws Exception {
    return browser.run("console.e2e.mjs", scenario, env);
  }

  private static String auditLog() throws IOException {
    return Files.readString(appliance.home().resolve("data/log/karaf.log"));
  }

  private static JsonNode get(String path, Login login) throws IOException {
    var answer = appliance.http().get(path, login);
    assertEquals(path + ": " + answer.body(), 200, answer.statusCode());
    return JSON.readTree(answer.body());
  }

  /**
   * The admin creates a queue on the Queues page (a priority of "high" is refused with its reason),
   * edits it in place and deletes a second one; sees a chat waiting in it on the Switchboard page;
   * runs the interval report on the Reports page and downloads it as CSV and XLSX. A supervisor is
   * refused. The changes are in the audit log and the queue's settings are the core's.
   */
  @Test
  public void theAdminManagesQueuesSeesTheWallboardAndRunsAReport() throws Exception {
    String queue = "console-" + UUID.randomUUID().toString().substring(0, 8);
    JsonNode result = console("queues-wallboard-reports", Map.of("QUEUE", queue));
    assertTrue(result.toString(), result.path("csvLines").asInt() > 3);
    JsonNode created = get("/api/v1/queues/" + queue, SUPERVISOR);
    assertEquals("Console queue", created.path("name").asText());
    assertEquals(90, created.path("serviceLevelTarget").asInt());
    assertEquals(600, Duration.parse(created.path("maxWait").asText()).toSeconds());
    assertEquals("support", created.path("overflowQueue").asText());
    assertEquals("billing", created.path("requiredSkills").get(0).path("skill").asText());
    assertEquals(
        404, appliance.http().get("/api/v1/queues/" + queue + "-tmp", SUPERVISOR).statusCode());
    String log = auditLog();
    assertTrue("audit: " + queue, log.contains("user=admin action=queue.create queue=" + queue));
    assertTrue(log.contains("user=admin action=queue.update queue=" + queue));
    assertTrue(log.contains("action=queue.delete queue=" + queue + "-tmp"));
  }

  /**
   * Agents, skills and logins: what the Agents and Users pages change is what the core and the
   * realm hold (the Playwright side logs in with the new login), and the phone password set on the
   * Users page registers a real SIP phone (baresip) while the old one is refused.
   */
  @Test
  public void theAdminManagesAgentsSkillsLoginsAndPhonePasswords() throws Exception {
    String agent = "console-agent-" + UUID.randomUUID().toString().substring(0, 6);
    console("people", Map.of("AGENT", agent));
    assertEquals(404, appliance.http().get("/api/v1/agents/" + agent, SUPERVISOR).statusCode());
    assertEquals(
        "Questions from the console test",
        get("/api/v1/skills/console-skill", SUPERVISOR).path("description").asText());
    String log = auditLog();
    for (String line :
        new String[] {
          "action=skill.create skill=console-skill",
          "action=agent.create agent=" + agent,
          "action=agent.update agent=" + agent,
          "action=agent.delete agent=" + agent,
          "action=user.create login=" + agent + " role=agent",
          "action=user.password login=" + agent,
          "action=user.role login=" + agent + " role=supervisor",
          "action=user.delete login=" + agent,
          "action=phone.password agent=agent4"
        }) {
      assertTrue("audit: " + line, log.contains("user=admin " + line));
    }
    assertTrue("no password in the log", !log.contains("second-Secret-2"));
    assertTrue("no phone password in the log", !log.contains("phone-Secret-4"));
    assertTrue(
        !Files.readString(appliance.home().resolve("etc/users.properties"))
            .contains("first-Secret-1"));

    try (Baresip phone = Baresip.start(60)) {
      phone.addAccount(
          "<sip:agent4@127.0.0.1:" + appliance.sipPort() + ">;auth_pass=phone-Secret-4;regint=300");
      phone.awaitEvent("REGISTER_OK", EVENT);
    }
    try (Baresip phone = Baresip.start(60)) {
      phone.addAccount(
          "<sip:agent4@127.0.0.1:" + appliance.sipPort() + ">;auth_pass=agent4;regint=300");
      phone.awaitEvent("REGISTER_FAIL", EVENT);
    }
  }

  /**
   * Flows: a broken document is refused with its line, two versions are deployed and the first is
   * rolled back to; the flow directory holds the text that runs.
   */
  @Test
  public void theAdminDeploysAndRollsBackAFlow() throws Exception {
    console("flows", Map.of());
    Path file = appliance.home().resolve("etc/flows/console-flow.yaml");
    RunningDistribution.waitFor(
        Duration.ofSeconds(10),
        () -> Files.exists(file) && read(file).contains("version one"),
        "the rolled-back flow in " + file);
    String log = auditLog();
    assertTrue(log.contains("user=admin action=flow.deploy id=console-flow version=1"));
    assertTrue(log.contains("user=admin action=flow.deploy id=console-flow version=2"));
    assertTrue(
        log.contains("user=admin action=flow.rollback id=console-flow version=1 newVersion=3"));
  }

  /**
   * Plugins: the standard reports bundle is updated, stopped and started from the Plugins page
   * while the Reports page is open, and the report keeps (or goes back to) working; a partner's KAR
   * is installed from a file and uninstalled; something that is not a KAR is refused.
   */
  @Test
  public void theAdminHotSwapsAReportBundleAndInstallsAPartnerKar() throws Exception {
    Path kar = partnerKar();
    console("plugins", Map.of("KAR", kar.toString()));
    JsonNode reports = get("/api/v1/reports", SUPERVISOR);
    assertTrue(reports.toString(), reports.toString().contains("\"queue-interval\""));
    String log = auditLog();
    assertTrue(
        log.contains("user=admin action=plugin.update bundle=org.switchboard.reports.standard"));
    assertTrue(
        log.contains("user=admin action=plugin.stop bundle=org.switchboard.reports.standard"));
    assertTrue(log.contains("user=admin action=kar.install kar=partner-plugin-1.0.0"));
    assertTrue(log.contains("user=admin action=kar.uninstall kar=partner-plugin-1.0.0"));
  }

  /** A REST change by an admin is in the same audit log as the console's. */
  @Test
  public void changesOverTheApiAreAudited() throws Exception {
    String queue = "audited-" + UUID.randomUUID().toString().substring(0, 8);
    var created =
        appliance
            .http()
            .post(
                "/api/v1/queues",
                ADMIN,
                "{\"id\":\""
                    + queue
                    + "\",\"channels\":[\"voice\"],\"serviceLevelThreshold\":\"PT20S\","
                    + "\"serviceLevelTarget\":80,\"priority\":50}");
    assertEquals(created.body(), 201, created.statusCode());
    RunningDistribution.waitFor(
        Duration.ofSeconds(5),
        () ->
            read(appliance.home().resolve("data/log/karaf.log"))
                .contains("user=admin action=rest.POST path=/v1/queues status=201"),
        "the audit line of the REST change");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * A partner's KAR as a partner's build would make it: a feature repository and one bundle that
   * declares the report service it provides.
   */
  private static Path partnerKar() throws IOException {
    Path dir = Files.createTempDirectory("partner-kar-");
    Path kar = dir.resolve("partner-plugin-1.0.0.kar");
    String base = "repository/com/example/partner-plugin/1.0.0/partner-plugin-1.0.0";
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(kar))) {
      zip.putNextEntry(new ZipEntry(base + "-features.xml"));
      zip.write(
          String.join(
                  "\n",
                  "<features name=\"partner-plugin-1.0.0\" xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\">",
                  "  <feature name=\"partner-plugin\" version=\"1.0.0\" install=\"auto\">",
                  "    <bundle>mvn:com.example/partner-plugin/1.0.0</bundle>",
                  "  </feature>",
                  "</features>",
                  "")
              .getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry(base + ".jar"));
      zip.write(partnerBundle());
      zip.closeEntry();
    }
    return kar;
  }

  private static byte[] partnerBundle() throws IOException {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Bundle-ManifestVersion", "2");
    main.putValue("Bundle-SymbolicName", "com.example.partner.plugin");
    main.putValue("Bundle-Version", "1.0.0");
    main.putValue("Bundle-Name", "Example partner report");
    main.putValue(
        "Provide-Capability",
        "osgi.service;objectClass:List<String>=\"org.switchboard.reports.api.Report\"");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new JarOutputStream(bytes, manifest)) {
      // a manifest is all this bundle needs to be installed, started and listed
    }
    return bytes.toByteArray();
  }
}
