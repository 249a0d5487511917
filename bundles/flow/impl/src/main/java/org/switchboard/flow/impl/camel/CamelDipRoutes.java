package org.switchboard.flow.impl.camel;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.builder.NoErrorHandlerBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.flow.api.DataDip;
import org.switchboard.platform.camel.RouteFile;
import org.switchboard.platform.camel.RouteFiles;

/**
 * One Camel context holding the admins' dip routes, loaded from {@code *.camel.yaml} files (Camel
 * YAML DSL) by {@link RouteFiles}. Every route consuming from {@code direct:dip-<name>} is
 * published as a {@link DataDip} named {@code <name>}. A file that does not load (bad YAML, unknown
 * component, a route id or dip name taken by another file) is logged and skipped; when it was
 * loaded before, its previous content stays in service. Plain Java, so it runs the same in OSGi and
 * in JUnit.
 *
 * <p>A lookup runs the route on a small bounded pool, never on the caller's thread: the input goes
 * in as headers and as a JSON body (InOut), the reply body is read as a flat JSON object, and the
 * result is failed after the timeout.
 */
public final class CamelDipRoutes implements AutoCloseable {
  /** Publishes a dip (as an OSGi service, or into a test's map); returns how to withdraw it. */
  @FunctionalInterface
  public interface Registrar {
    /** Publishes a dip; the returned action withdraws it. */
    Runnable publish(String name, DataDip dip);
  }

  private static final Logger LOG = LoggerFactory.getLogger(CamelDipRoutes.class);
  private static final String DIP_PREFIX = "dip-";

  private final Duration timeout;
  private final Registrar registrar;
  private final CamelContext camel;
  private final RouteFiles files;
  private final ProducerTemplate producer;
  private final ThreadPoolExecutor lookups;
  private final Map<String, Runnable> published = new TreeMap<>();

  /**
   * Starts an empty context; call {@link #scan} to load the files.
   *
   * @param directory where the {@code *.camel.yaml} files are
   * @param timeout the longest a lookup may take
   * @param threads the most lookups running at once (more are queued, up to 100)
   */
  public CamelDipRoutes(Path directory, Duration timeout, int threads, Registrar registrar) {
    this.timeout = timeout;
    this.registrar = registrar;
    DefaultCamelContext context = new DefaultCamelContext();
    // In OSGi the Camel wrapper bundle's class loader sees META-INF/services of every component.
    context.setApplicationContextClassLoader(DefaultCamelContext.class.getClassLoader());
    context.getCamelContextExtension().setName("switchboard-dips");
    // A failed lookup is the flow's error path (logged there); routes may declare their own
    // handler.
    context.getCamelContextExtension().setErrorHandlerFactory(new NoErrorHandlerBuilder());
    context.getShutdownStrategy().setTimeout(5);
    context.getShutdownStrategy().setShutdownNowOnTimeout(true);
    context.start();
    this.camel = context;
    this.files = new RouteFiles(context, directory, "Dip", CamelDipRoutes::warnWithoutDip);
    this.producer = context.createProducerTemplate();
    AtomicInteger count = new AtomicInteger();
    this.lookups =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(100),
            r -> {
              Thread t = new Thread(r, "flow-dip-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.lookups.allowCoreThreadTimeOut(true);
  }

  private static void warnWithoutDip(Path file, List<Route> routes) {
    if (routes.stream().noneMatch(r -> dipName(r) != null)) {
      LOG.warn(
          "Dip route file {} has no route from direct:dip-<name>: it publishes no data dip", file);
    }
  }

  /** How each route file stands. */
  public List<RouteFile> files() {
    return files.files();
  }

  /** The names of the dips currently published. */
  public synchronized Set<String> dipNames() {
    return Set.copyOf(published.keySet());
  }

  /** Loads new and changed files, unloads removed ones, and publishes the dips. */
  public synchronized void scan() {
    files.scan();
    publish();
  }

  private void publish() {
    Set<String> wanted = new HashSet<>();
    for (Route route : camel.getRoutes()) {
      String name = dipName(route);
      if (name != null) {
        wanted.add(name);
      }
    }
    for (String name : List.copyOf(published.keySet())) {
      if (!wanted.contains(name)) {
        published.remove(name).run();
        LOG.info("Data dip {} withdrawn", name);
      }
    }
    for (String name : wanted) {
      if (!published.containsKey(name)) {
        published.put(name, registrar.publish(name, input -> lookup(name, input)));
        LOG.info("Data dip {} published (route direct:dip-{})", name, name);
      }
    }
  }

  /** The dip name of a route consuming from {@code direct:dip-<name>}, or null. */
  static String dipName(Route route) {
    if (route == null) {
      return null;
    }
    String uri = route.getEndpoint().getEndpointUri();
    String rest =
        uri.startsWith("direct://")
            ? uri.substring(9)
            : uri.startsWith("direct:") ? uri.substring(7) : null;
    if (rest == null) {
      return null;
    }
    int query = rest.indexOf('?');
    rest = query < 0 ? rest : rest.substring(0, query);
    return rest.startsWith(DIP_PREFIX) && rest.length() > DIP_PREFIX.length()
        ? rest.substring(DIP_PREFIX.length())
        : null;
  }

  /**
   * Runs a dip's route.
   *
   * @return a stage with the flattened JSON reply; failed on a route error, a non-object reply, a
   *     full pool or after the timeout
   */
  public CompletionStage<Map<String, String>> lookup(String name, Map<String, String> input) {
    CompletableFuture<Map<String, String>> result = new CompletableFuture<>();
    try {
      lookups.execute(
          () -> {
            try {
              result.complete(call(name, input));
            } catch (RuntimeException e) {
              result.completeExceptionally(e);
            }
          });
    } catch (RuntimeException e) {
      result.completeExceptionally(
          new IllegalStateException("too many dip lookups at once: " + e, e));
    }
    return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Map<String, String> call(String name, Map<String, String> input) {
    Exchange reply =
        producer.send(
            "direct:" + DIP_PREFIX + name,
            exchange -> {
              exchange.setPattern(ExchangePattern.InOut);
              input.forEach((k, v) -> exchange.getIn().setHeader(k, v));
              exchange.getIn().setHeader("Content-Type", "application/json");
              exchange.getIn().setBody(JsonReplies.body(input));
            });
    if (reply.getException() != null) {
      throw new CompletionException(
          "dip route " + name + " failed: " + RouteFiles.rootMessage(reply.getException()),
          reply.getException());
    }
    return JsonReplies.flatten(reply.getMessage().getBody(String.class));
  }

  /** Withdraws every dip and stops the context. */
  @Override
  public synchronized void close() {
    published.values().forEach(Runnable::run);
    published.clear();
    files.close();
    lookups.shutdownNow();
    try {
      producer.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("Closing the dip producer failed", e);
    }
    camel.stop();
  }
}
