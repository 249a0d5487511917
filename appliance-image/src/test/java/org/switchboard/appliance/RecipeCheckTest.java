package org.switchboard.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image recipe checked without building the image: the shell scripts pass shellcheck, the
 * firewall rules pass {@code nft -c}, and every systemd unit passes {@code systemd-analyze verify}
 * in a root tree made of the recipe, the host's systemd units and the distribution's bin/.
 */
class RecipeCheckTest {
  private static final Path UNITS = Recipe.ROOTFS.resolve("etc/systemd/system");
  private static final Path DISTRIBUTION =
      Path.of(System.getProperty("distribution.etc", "../karaf-assembly/target/assembly/etc"))
          .getParent();

  @Test
  void scriptsPassShellcheck() {
    List<Path> scripts = new ArrayList<>(Recipe.files(Recipe.IMAGE, ".*\\.sh"));
    scripts.addAll(Recipe.files(Recipe.ROOTFS.resolve("usr/lib/switchboard"), ".*"));
    scripts.addAll(Recipe.files(Recipe.OPS, "switchboard-.*"));
    assertTrue(scripts.size() >= 13, "the recipe's and the ops scripts: " + scripts);
    List<String> cmd = new ArrayList<>(List.of("shellcheck", "-x", "-P", "SCRIPTDIR"));
    scripts.forEach(s -> cmd.add(s.toString()));
    Recipe.Result r = Recipe.run("shellcheck", cmd);
    assertEquals(0, r.exitCode(), r.output());
  }

  @Test
  void shellcheckReportsAScriptError(@TempDir Path dir) throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.sh"), "#!/bin/sh\nrm -rf $1/*\n");
    Recipe.Result r = Recipe.run("shellcheck", List.of("shellcheck", bad.toString()));
    assertNotEquals(0, r.exitCode(), "an unquoted rm -rf must be reported");
    assertTrue(r.output().contains("SC2086"), r.output());
  }

  @Test
  void firewallRulesPassNftCheck() {
    Recipe.Result r =
        Recipe.run(
            "nftables",
            List.of("nft", "-c", "-f", Recipe.ROOTFS.resolve("etc/nftables.conf").toString()));
    assertEquals(0, r.exitCode(), r.output());
  }

  @Test
  void everyUnitPassesSystemdAnalyzeVerify(@TempDir Path root) throws IOException {
    verificationRoot(root);
    List<String> units = new ArrayList<>();
    for (Path unit : Recipe.files(UNITS, ".*\\.service")) {
      String name = unit.getFileName().toString();
      // A template is verified as one of its instances.
      units.add("/etc/systemd/system/" + name.replace("@.service", "@tty1.service"));
    }
    assertTrue(units.size() >= 5, "units: " + units);
    for (String unit : units) {
      Recipe.Result r = verify(root, unit);
      assertEquals(0, r.exitCode(), unit + ": " + r.output());
      assertEquals("", r.output().strip(), unit + " verifies without warnings");
    }
  }

  @Test
  void systemdAnalyzeReportsABrokenUnit(@TempDir Path root) throws IOException {
    verificationRoot(root);
    Files.writeString(
        root.resolve("etc/systemd/system/broken.service"),
        "[Unit]\nDescription=broken\n[Service]\nExecStart=/nonexistent\nRestartSecs=1\n");
    Recipe.Result r = verify(root, "/etc/systemd/system/broken.service");
    assertNotEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("RestartSecs"), r.output());
  }

  @Test
  void everyUnitTheBuildEnablesExists() {
    String build = Recipe.read(Recipe.IMAGE.resolve("build-image.sh"));
    int from = build.indexOf("systemctl enable switchboard.service");
    assertTrue(from > 0, "build-image.sh enables the units");
    String enable = build.substring(from, build.indexOf(">/dev/null", from));
    for (Path unit : Recipe.files(UNITS, "switchboard.*\\.service")) {
      String name = unit.getFileName().toString().replace("@.service", "@");
      assertTrue(enable.contains(name), name + " is enabled by build-image.sh: " + enable);
    }
  }

  private static Recipe.Result verify(Path root, String unit) {
    return Recipe.run(
        "systemd", List.of("systemd-analyze", "verify", "--man=no", "--root=" + root, unit));
  }

  /** The recipe's tree, the host's units (targets, getty) and the distribution's bin/. */
  private static void verificationRoot(Path root) throws IOException {
    copyTree(Recipe.ROOTFS, root);
    copyTree(Path.of("/usr/lib/systemd/system"), root.resolve("usr/lib/systemd/system"));
    Path bin = DISTRIBUTION.resolve("bin");
    assertTrue(
        Files.isExecutable(bin.resolve("karaf")),
        "no distribution at " + DISTRIBUTION + ": build karaf-assembly first");
    copyTree(bin, root.resolve("opt/switchboard/current/bin"));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(
              p,
              target,
              StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.COPY_ATTRIBUTES,
              java.nio.file.LinkOption.NOFOLLOW_LINKS);
        }
      }
    }
  }
}
