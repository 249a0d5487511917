package org.switchboard.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs SIPp (Debian's sip-tester), an independent SIP implementation, with a scenario from the
 * repository's {@code sipp/} folder against 127.0.0.1, bounded in time; the process is killed by
 * handle if it overruns.
 */
final class Sipp {
  private static final Path SCENARIOS =
      Path.of(System.getProperty("switchboard.sipp.dir", "../sipp"));

  /** Exit code 0 means every call of the scenario succeeded. */
  record Result(int exit, String output) {}

  private Sipp() {}

  /**
   * A SIPp user agent server (an agent's phone) on its own loopback port, running in the background
   * for {@code calls} calls; {@link Phone#close} kills it by handle.
   */
  static Phone phone(String scenario, int calls, String... args) throws IOException {
    return phoneOn(RunningDistribution.freePort(), scenario, calls, args);
  }

  /** The same on a given port (e.g. the outbound trunk's, fixed in the appliance's config). */
  static Phone phoneOn(int port, String scenario, int calls, String... args) throws IOException {
    List<String> cmd = command(scenario, port, calls, "120s", args);
    File log = File.createTempFile("sipp-phone-", ".log");
    return new Phone(port, start(cmd, log), log.toPath());
  }

  /** SIPp with a scenario of {@code sipp/} on a loopback port, bounded in calls and time. */
  private static List<String> command(
      String scenario, int localPort, int calls, String timeout, String... args) {
    List<String> cmd =
        new ArrayList<>(List.of("sipp", "-sf", SCENARIOS.resolve(scenario).toString()));
    cmd.addAll(List.of(args));
    cmd.addAll(
        List.of(
            "-i",
            "127.0.0.1",
            "-p",
            String.valueOf(localPort),
            "-m",
            String.valueOf(calls),
            "-timeout",
            timeout,
            "-timeout_error",
            "-nostdin"));
    return cmd;
  }

  private static Process start(List<String> cmd, File log) throws IOException {
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(log)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
  }

  /** A background SIPp phone. */
  static final class Phone implements AutoCloseable {
    final int port;
    private final Process process;
    private final Path log;

    private Phone(int port, Process process, Path log) {
      this.port = port;
      this.process = process;
      this.log = log;
    }

    /** Waits for the phone's calls to finish; the result of its run. */
    Result await(long seconds) throws IOException, InterruptedException {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        throw new AssertionError("sipp phone did not finish within " + seconds + " s: " + tail());
      }
      return new Result(process.exitValue(), tail());
    }

    /**
     * Registers this phone as the agent's only contact (demo password = agent id), replacing every
     * contact earlier tests left.
     */
    void registerAs(String agent, int sipPort) throws IOException, InterruptedException {
      Result gone = run("unregister-all.xml", sipPort, "-s", agent, "-au", agent, "-ap", agent);
      org.junit.Assert.assertEquals(gone.output(), 0, gone.exit());
      Result r =
          run(
              "register-contact.xml",
              sipPort,
              "-s",
              agent,
              "-au",
              agent,
              "-ap",
              agent,
              "-key",
              "contact_port",
              String.valueOf(port));
      org.junit.Assert.assertEquals(r.output(), 0, r.exit());
    }

    String tail() throws IOException {
      String out = Files.readString(log, StandardCharsets.ISO_8859_1);
      return out.length() > 4000 ? out.substring(out.length() - 4000) : out;
    }

    @Override
    public void close() throws IOException {
      process.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }

  static Result run(String scenario, int port, String... args)
      throws IOException, InterruptedException {
    return run(scenario, port, 1, args);
  }

  /** The same with {@code calls} calls (pass {@code -l} and {@code -r} to run them at once). */
  static Result run(String scenario, int port, int calls, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = command(scenario, RunningDistribution.freePort(), calls, "25s", args);
    cmd.add("127.0.0.1:" + port);
    File log = File.createTempFile("sipp-", ".log");
    Process p = start(cmd, log);
    try {
      if (!p.waitFor(40, TimeUnit.SECONDS)) {
        throw new AssertionError("sipp did not finish within 40 s: " + cmd);
      }
      String out = Files.readString(log.toPath(), StandardCharsets.ISO_8859_1);
      return new Result(
          p.exitValue(), out.length() > 4000 ? out.substring(out.length() - 4000) : out);
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(log.toPath());
    }
  }
}
