package org.switchboard.appliance;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the image recipe and the ops scripts are (system properties set by the module's pom), and
 * running the host tools that check them.
 */
final class Recipe {
  static final Path IMAGE = Path.of(System.getProperty("recipe.dir", "src/main/image"));
  static final Path ROOTFS = IMAGE.resolve("rootfs");
  static final Path SWITCHBOARD_ETC = IMAGE.resolve("switchboard-etc");
  static final Path OPS =
      Path.of(System.getProperty("ops.dir", "../karaf-assembly/src/main/resources/assembly/bin"));

  private Recipe() {}

  /** What a command printed (stdout and stderr together) and its exit code. */
  record Result(int exitCode, String output) {}

  /**
   * Runs a command and waits for it.
   *
   * @throws AssertionError if the tool is not installed (naming the Debian package) or does not
   *     finish within two minutes
   */
  static Result run(String debianPackage, List<String> command) {
    return run(debianPackage, command, Map.of());
  }

  static Result run(String debianPackage, List<String> command, Map<String, String> env) {
    Process p;
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().putAll(env);
      p = pb.start();
    } catch (IOException e) {
      return fail(
          command.get(0)
              + " is not installed: apt-get install "
              + debianPackage
              + " (.ci/run does)",
          e);
    }
    try {
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(command + " did not finish within 120 s");
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The files directly in a directory (sorted), those whose name matches. */
  static List<Path> files(Path dir, String nameRegex) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().matches(nameRegex))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The {@code key = value} (or {@code key=value}) settings of a .cfg/.config/sshd file, comments
   * left out, Felix typed values ({@code I"5060"}) and quotes stripped.
   */
  static Map<String, String> settings(Path file) {
    Map<String, String> settings = new LinkedHashMap<>();
    Pattern line = Pattern.compile("^\\s*([A-Za-z][\\w.]*)\\s*(?:=|\\s)\\s*(.*?)\\s*$");
    for (String l : read(file).split("\n")) {
      if (l.isBlank() || l.trim().startsWith("#")) {
        continue;
      }
      Matcher m = line.matcher(l);
      if (m.matches()) {
        settings.put(m.group(1), m.group(2).replaceAll("^[A-Za-z]?\"(.*)\"$", "$1"));
      }
    }
    return settings;
  }

  /** Every match of group 1 of a pattern in a text, in order. */
  static List<String> all(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }
}
