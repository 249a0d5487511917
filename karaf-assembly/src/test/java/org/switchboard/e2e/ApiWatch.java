package org.switchboard.e2e;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks REST paths again and again on its own thread while a test restarts or reconfigures parts of
 * the appliance, and counts the answers per path and status: the API must keep answering meanwhile.
 */
final class ApiWatch implements AutoCloseable {
  private final Map<String, Map<Integer, Integer>> answers = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  private ApiWatch(HttpProbe http, HttpProbe.Login login, List<String> paths) {
    paths.forEach(p -> answers.put(p, new ConcurrentHashMap<>()));
    thread =
        new Thread(
            () -> {
              while (running.get()) {
                for (String p : paths) {
                  answers.get(p).merge(http.status(p, login), 1, Integer::sum);
                }
              }
            },
            "api-watch");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts asking {@code paths} with {@code login} until {@link #close()}. */
  static ApiWatch start(HttpProbe http, HttpProbe.Login login, String... paths) {
    return new ApiWatch(http, login, List.of(paths));
  }

  /** How often each status came back for {@code path} so far. */
  Map<Integer, Integer> answers(String path) {
    return new TreeMap<>(answers.get(path));
  }

  /** Stops asking; waits for the request under way (each has a timeout). */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(60_000);
  }
}
