package org.switchboard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The built Switchboard distribution, copied to a private directory, given free loopback ports and
 * started as a child process, the way an operator runs it. Stops what it started, by pid.
 */
public final class RunningDistribution implements AutoCloseable {
  private static final Path BUILT = Path.of("target", "assembly");
  private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(240);

  private final Path home;
  private final Map<String, String> env;
  private final int httpPort;
  private final int sshPort;
  private final int sipPort;
  private Process process;

  private RunningDistribution(Path home, Map<String, String> env) {
    this.home = home;
    this.env = env;
    this.httpPort = freePort();
    this.sshPort = freePort();
    this.sipPort = freePort();
  }

  /** Copies the built distribution to {@code target/e2e/<name>} with fresh data and free ports. */
  public static RunningDistribution prepare(String name, Map<String, String> env) {
    if (!Files.isDirectory(BUILT.resolve("bin"))) {
      throw new IllegalStateException(
          "no distribution at " + BUILT.toAbsolutePath() + ": run package");
    }
    Path home = Path.of("target", "e2e", name).toAbsolutePath();
    deleteTree(home);
    copyTree(BUILT, home);
    RunningDistribution d = new RunningDistribution(home, env);
    d.assignPorts();
    return d;
  }

  private void assignPorts() {
    Ports.assign(home, httpPort, sshPort, sipPort);
  }

  /**
   * Starts {@code bin/karaf server} and waits until {@code /api/health} answers 200, every REST
   * resource is there and, in demo mode, the demo logins work.
   */
  public RunningDistribution start() {
    try {
      Path log = home.resolve("console-" + Instant.now().toEpochMilli() + ".out");
      ProcessBuilder pb =
          new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
              .directory(home.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().putAll(env);
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      awaitReady(http());
    } catch (RuntimeException | AssertionError e) {
      stop(); // the caller gets no instance to close: leave no container behind
      throw e;
    }
    return this;
  }

  private void awaitReady(HttpProbe http) {
    waitFor(BOOT_TIMEOUT, () -> http.status("/api/health", null) == 200, "health 200 after boot");
    if ("true".equals(env.get("SWITCHBOARD_DEMO"))) {
      awaitDemoLogins(http);
    }
    // Last: the JAX-RS whiteboard rebuilds the application while resources register at start,
    // during which requests fail.
    awaitRestResources(http, Duration.ofSeconds(90));
  }

  /**
   * Demo mode creates its logins once the core's services run, which can be after health is 200,
   * and the SIP channel may still be starting on a loaded machine: waits until SIP is UP, the demo
   * admin gets 200 and the demo agent4 is known (not 401).
   */
  private static void awaitDemoLogins(HttpProbe http) {
    waitFor(
        Duration.ofSeconds(120),
        () -> sipUp(http),
        "the SIP channel UP in /api/health (demo phones register right after boot)");
    waitFor(
        Duration.ofSeconds(60),
        () ->
            http.status("/api/v1/queues", new HttpProbe.Login("admin", "admin")) == 200
                && http.status("/api/v1/skills", new HttpProbe.Login("agent4", "agent4")) != 401,
        "the demo logins (admin 200, agent4 known) after boot");
  }

  /**
   * Waits until every REST resource is registered (401 without login, or 405 for a path that takes
   * only POST) three rounds in a row, so the JAX-RS whiteboard has stopped rebuilding the
   * application.
   */
  public static void awaitRestResources(HttpProbe http, Duration timeout) {
    int[] settled = {0};
    waitFor(
        timeout,
        () -> {
          settled[0] = API_ROOTS.stream().allMatch(p -> registered(http, p)) ? settled[0] + 1 : 0;
          return settled[0] >= 3;
        },
        "every REST resource registered (401/405 without login, three rounds in a row) after boot");
  }

  private static boolean sipUp(HttpProbe http) {
    try {
      return http.get("/api/health", null)
          .body()
          .contains("\"component\":\"sip\",\"status\":\"UP\"");
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean registered(HttpProbe http, String path) {
    int status = http.status(path, null);
    return status == 401 || status == 405;
  }

  /**
   * One path of each REST resource bundle. Health is 200 once db, broker and core are up; the
   * resources register a moment later, and the JAX-RS whiteboard answers 404 while it rebuilds the
   * application after each one, so tests wait until all answer (401: they exist and want a login)
   * several times in a row.
   */
  private static final List<String> API_ROOTS =
      List.of(
          "/api/v1/queues",
          "/api/v1/agents",
          "/api/v1/interactions",
          "/api/v1/skills",
          "/api/v1/acd/queues/support/policy",
          "/api/v1/sip/registrations",
          "/api/v1/recordings",
          "/api/v1/customers",
          "/api/v1/interactions/probe/monitor",
          "/api/v1/interactions/probe/recording/pause",
          "/api/v1/orders",
          "/api/v1/reports",
          "/api/v1/wallboard",
          "/api/v1/me");

  /**
   * Stops the container with {@code bin/stop}; kills it (and its children) if that does not work.
   * Also stops a container an ops script started on this home with {@code bin/start}.
   */
  public void stop() {
    if (process != null) {
      try {
        runStop(home.resolve("bin/stop"), Map.of());
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
          kill();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
      }
      process = null;
    }
    stopDaemon(home, home.resolve("bin"), Map.of());
  }

  /**
   * Stops the container whose pid is in {@code <base>/karaf.pid} (started by {@code bin/start},
   * e.g. by an ops script): {@code bin/stop} with the environment that names the base, then kills
   * it and its children by pid if it is still there after 90 s.
   */
  static void stopDaemon(Path base, Path bin, Map<String, String> env) {
    Path pidFile = base.resolve("karaf.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      java.util.Optional<ProcessHandle> karaf =
          ProcessHandle.of(pid)
              .filter(h -> h.info().commandLine().orElse("").contains("karaf.base=" + base));
      if (karaf.isEmpty()) {
        return;
      }
      runStop(bin.resolve("stop"), env);
      try {
        karaf.get().onExit().get(90, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
        karaf.get().descendants().forEach(ProcessHandle::destroyForcibly);
        karaf.get().destroyForcibly();
      }
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("cannot read " + pidFile, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void runStop(Path stop, Map<String, String> env) throws InterruptedException {
    try {
      ProcessBuilder pb =
          new ProcessBuilder(stop.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      // bin/stop missing or not runnable: the caller kills by pid.
    }
  }

  private void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  public Path home() {
    return home;
  }

  public int httpPort() {
    return httpPort;
  }

  /** The SIP port (UDP and TCP) on 127.0.0.1. */
  public int sipPort() {
    return sipPort;
  }

  public int sshPort() {
    return sshPort;
  }

  public HttpProbe http() {
    return new HttpProbe("http://127.0.0.1:" + httpPort);
  }

  /**
   * Runs {@code bin/client} in exec mode as the given user and returns its output.
   *
   * @throws IllegalStateException if it does not finish within a minute
   */
  public String client(String user, String password, String command) {
    List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/client").toString()));
    cmd.addAll(List.of("-a", String.valueOf(sshPort), "-h", "127.0.0.1", "-u", user));
    cmd.addAll(List.of("-p", password, "-r", "3", command));
    try {
      Process p =
          new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("bin/client did not finish within 60 s: " + command);
      }
      return new String(p.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls a condition until it holds or the timeout passes. */
  public static void waitFor(Duration timeout, BooleanSupplier condition, String what) {
    Instant end = Instant.now().plus(timeout);
    long pauseMillis = 50;
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError(
            "timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
      pauseMillis = Math.min(pauseMillis * 2, 1000);
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted((a, b) -> b.getNameCount() - a.getNameCount())
          .forEach(RunningDistribution::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
