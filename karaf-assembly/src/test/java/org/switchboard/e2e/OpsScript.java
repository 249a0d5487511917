package org.switchboard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the distribution's ops scripts ({@code bin/switchboard-backup}, {@code -restore},
 * {@code -upgrade}, {@code -health}, {@code -support-bundle}) as an operator would, with a timeout,
 * and keeps what it printed in a log file beside the installation.
 */
final class OpsScript {
  /** What the script printed (stdout and stderr) and how it ended. */
  record Run(int exitCode, String output) {
    /** The last line printed, e.g. the path of the backup written. */
    String lastLine() {
      List<String> lines = output.strip().lines().toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    @Override
    public String toString() {
      return "exit " + exitCode + ":\n" + output;
    }
  }

  private final Path bin;
  private final Map<String, String> env;
  private final Path logDir;

  /**
   * @param bin the distribution's bin/ directory the scripts are run from
   * @param env the environment (KARAF_* and SWITCHBOARD_* settings); the appliance's defaults file
   *     /etc/default/switchboard is never read
   * @param logDir where each run's output is kept
   */
  OpsScript(Path bin, Map<String, String> env, Path logDir) {
    this.bin = bin;
    this.env = env;
    this.logDir = logDir;
  }

  Run run(Duration timeout, String script, String... args) {
    List<String> cmd = new ArrayList<>(List.of(bin.resolve(script).toString()));
    cmd.addAll(List.of(args));
    try {
      Files.createDirectories(logDir);
      Path log = Files.createTempFile(logDir, script + "-", ".log");
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      pb.environment().put("SWITCHBOARD_DEFAULTS", "/dev/null");
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError(
            script
                + " did not finish within "
                + timeout.toSeconds()
                + " s:\n"
                + Files.readString(log));
      }
      return new Run(p.exitValue(), Files.readString(log));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
