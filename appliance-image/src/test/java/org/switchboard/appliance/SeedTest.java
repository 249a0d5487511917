package org.switchboard.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * First-boot settings from a seed (rootfs/usr/lib/switchboard/seed.sh, POSIX sh): what each source
 * yields, which source wins, and how the Switchboard admin password lands in users.properties. Runs
 * the real script under {@code sh} (dash on Debian, as on the appliance).
 */
class SeedTest {
  private static final Path SEED = Recipe.ROOTFS.resolve("usr/lib/switchboard/seed.sh");

  @TempDir Path dir;

  @Test
  void aSeedFileGivesItsKnownKeys() throws IOException {
    Path conf =
        write(
            "seed.conf",
            "# comment\r\nadmin_password = \"correct horse battery\"\r\n"
                + "hostname=cc-01\nunknown=1\nos_password='It''s-fine-12'\n\n");
    Recipe.Result r = sh("seed_parse_conf " + conf);
    assertEquals(
        List.of(
            "admin_password=correct horse battery", "hostname=cc-01", "os_password=It''s-fine-12"),
        lines(r));
  }

  @Test
  void anOvfEnvironmentGivesTheVappProperties() throws IOException {
    Path env =
        write(
            "ovf-env.xml",
            "<?xml version=\"1.0\"?>\n<Environment xmlns:oe=\"http://schemas.dmtf.org/ovf/environment/1\">\n"
                + "<PropertySection>\n"
                + "  <Property oe:key=\"switchboard.admin_password\" oe:value=\"a&amp;b&lt;c&gt;d-12chars\"/>\n"
                + "  <Property oe:key=\"switchboard.os_password\" oe:value=\"\"/>\n"
                + "  <Property oe:key=\"switchboard.hostname\"\n      oe:value=\"pbx-2\"/>\n"
                + "  <Property oe:key=\"other.key\" oe:value=\"x\"/>\n"
                + "</PropertySection></Environment>\n");
    assertEquals(
        List.of("admin_password=a&b<c>d-12chars", "hostname=pbx-2"),
        lines(sh("seed_parse_ovf_env " + env)));
  }

  @Test
  void cloudInitUserDataGivesPasswordsHostAndTheFirstKey() throws IOException {
    Path userData =
        write(
            "user-data",
            "#cloud-config\nhostname: cc-03\npassword: '$6$salt$hash'\n"
                + "switchboard_admin_password: \"very-long-secret\"\nssh_authorized_keys:\n"
                + "  - ssh-ed25519 AAAA first@host\n  - ssh-ed25519 BBBB second@host\nchpasswd: {expire: false}\n");
    assertEquals(
        List.of(
            "hostname=cc-03",
            "os_password_hash=$6$salt$hash",
            "admin_password=very-long-secret",
            "ssh_authorized_key=ssh-ed25519 AAAA first@host"),
        lines(sh("seed_parse_user_data " + userData)));
  }

  @Test
  void theFirstSourceWinsPerKey() throws IOException {
    Path merged = write("merged", "");
    Path first = write("first.conf", "hostname=from-fw-cfg\n");
    Path second = write("second.conf", "hostname=from-drive\nos_password=drive-password-1\n");
    sh(
        "seed_parse_conf "
            + first
            + " | seed_merge "
            + merged
            + "; seed_parse_conf "
            + second
            + " | seed_merge "
            + merged);
    assertEquals("from-fw-cfg", lines(sh("seed_get " + merged + " hostname")).get(0));
    assertEquals("drive-password-1", lines(sh("seed_get " + merged + " os_password")).get(0));
  }

  @Test
  void theAdminPasswordIsStoredAsKarafsSha512() throws Exception {
    String password = "Password with spaces &1";
    String hash = lines(sh("seed_admin_hash '" + password + "'")).get(0);
    byte[] digest =
        MessageDigest.getInstance("SHA-512").digest(password.getBytes(StandardCharsets.UTF_8));
    assertEquals(HexFormat.of().withUpperCase().formatHex(digest), hash);

    Path users =
        write(
            "users.properties",
            "# users\nadmin = {CRYPT}OLD{CRYPT},_g_:admingroup\nagent1 = x,_g_:agentgroup\n"
                + "_g_\\:admingroup = group,admin\n");
    Recipe.Result r = sh("seed_set_switchboard_admin " + users + " " + hash);
    assertEquals(0, r.exitCode(), r.output());
    String stored = Files.readString(users);
    assertTrue(stored.contains("admin = {CRYPT}" + hash + "{CRYPT},_g_:admingroup\n"), stored);
    assertTrue(!stored.contains("OLD"), stored);
    assertTrue(stored.contains("agent1 = x,_g_:agentgroup"), stored);
    assertTrue(stored.contains("_g_\\:admingroup = group,admin"), stored);
  }

  @Test
  void aBadHashIsRefusedAndUsersAreLeftAlone() throws IOException {
    String before = "admin = {CRYPT}OLD{CRYPT},_g_:admingroup\n";
    Path users = write("users.properties", before);
    for (String bad : List.of("nothex$", "ABCD")) {
      Recipe.Result r = sh("seed_set_switchboard_admin " + users + " '" + bad + "'");
      assertNotEquals(0, r.exitCode(), bad);
      assertTrue(r.output().contains("admin_password_sha512"), r.output());
      assertEquals(before, Files.readString(users));
    }
  }

  @Test
  void shortPasswordsAreRefused() {
    assertNotEquals(0, sh("seed_password_ok 'short-11ch'").exitCode());
    assertEquals(0, sh("seed_password_ok 'twelve-chars'").exitCode());
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static Recipe.Result sh(String script) {
    return Recipe.run("dash", List.of("sh", "-c", ". " + SEED + " && " + script));
  }

  private static List<String> lines(Recipe.Result r) {
    return r.output().lines().filter(l -> !l.startsWith("switchboard-seed:")).toList();
  }
}
