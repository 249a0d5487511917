package org.switchboard.platform.camel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code *.camel.yaml} files (Camel YAML DSL: routes, route templates, templated routes) of one
 * directory, kept loaded in one Camel context that holds nothing else. {@link #scan} loads new and
 * changed files and unloads deleted ones. A file is first read into a scratch context, which checks
 * its YAML and DSL and gives its route ids; a file is refused when it does not read, names a route
 * another file has, or fails to start (unknown component, bad endpoint option). A refused change
 * keeps the file's previous content in service. Not thread-safe beyond its own lock: call it from
 * one scanner.
 */
public final class RouteFiles implements AutoCloseable {
  /** Told about each file loaded, e.g. to check what its routes consume from. */
  @FunctionalInterface
  public interface Listener {
    /** A file's new content is in service with these routes. */
    void loaded(Path file, List<Route> routes);
  }

  private static final Logger LOG = LoggerFactory.getLogger(RouteFiles.class);
  private static final String SUFFIX = ".camel.yaml";

  private record Stamp(long modified, long size) {}

  private record Loaded(String text, Stamp stamp, List<String> routeIds) {}

  private record Refused(Stamp stamp, String error, java.time.Instant at) {}

  private final CamelContext camel;
  private final Path directory;
  private final String label;
  private final Listener listener;
  private final Clock clock;
  private final Map<Path, Loaded> files = new HashMap<>();
  private final Map<Path, Refused> refused = new HashMap<>();
  private final Map<Path, java.time.Instant> loadedAt = new HashMap<>();

  /**
   * Keeps a directory's route files in a context.
   *
   * @param camel a started context holding only these files' routes
   * @param directory where the files are (created when missing)
   * @param label what the routes are, for the log ("dip", "integration")
   * @param listener told about each file loaded
   */
  public RouteFiles(CamelContext camel, Path directory, String label, Listener listener) {
    this(camel, directory, label, listener, Clock.systemUTC());
  }

  RouteFiles(CamelContext camel, Path directory, String label, Listener listener, Clock clock) {
    this.camel = camel;
    this.directory = directory;
    this.label = label;
    this.listener = listener;
    this.clock = clock;
  }

  /** The directory read. */
  public Path directory() {
    return directory;
  }

  /**
   * Loads new and changed files and unloads deleted ones.
   *
   * @return true when the routes in service changed
   */
  public synchronized boolean scan() {
    Map<Path, Stamp> present;
    try {
      present = list();
    } catch (IOException e) {
      LOG.error("Cannot read the {} route directory {}: {}", label, directory, e.toString());
      return false;
    }
    boolean changed = false;
    for (Path gone : List.copyOf(files.keySet())) {
      if (!present.containsKey(gone)) {
        removeRoutes(files.remove(gone).routeIds());
        loadedAt.remove(gone);
        LOG.info("{} routes of {} removed (file deleted)", label, gone.getFileName());
        changed = true;
      }
    }
    refused.keySet().retainAll(present.keySet());
    for (Map.Entry<Path, Stamp> e : present.entrySet()) {
      Loaded loaded = files.get(e.getKey());
      Refused no = refused.get(e.getKey());
      boolean known =
          (loaded != null && loaded.stamp().equals(e.getValue()))
              || (no != null && no.stamp().equals(e.getValue()));
      if (!known) {
        changed |= load(e.getKey(), e.getValue());
      }
    }
    return changed;
  }

  /** Every file of the directory as last scanned, by name. */
  public synchronized List<RouteFile> files() {
    Map<String, RouteFile> out = new TreeMap<>();
    files.forEach(
        (path, l) ->
            out.put(name(path), new RouteFile(name(path), l.routeIds(), null, loadedAt.get(path))));
    refused.forEach(
        (path, r) -> {
          Loaded l = files.get(path);
          out.put(
              name(path),
              new RouteFile(name(path), l == null ? List.of() : l.routeIds(), r.error(), r.at()));
        });
    return List.copyOf(out.values());
  }

  private Map<Path, Stamp> list() throws IOException {
    Files.createDirectories(directory);
    Map<Path, Stamp> present = new TreeMap<>();
    try (Stream<Path> list = Files.list(directory)) {
      for (Path file : list.filter(p -> name(p).endsWith(SUFFIX)).toList()) {
        present.put(file, new Stamp(Files.getLastModifiedTime(file).toMillis(), Files.size(file)));
      }
    }
    return present;
  }

  private boolean load(Path file, Stamp stamp) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      LOG.warn("Cannot read {} route file {}: {}", label, file, e.toString());
      return false;
    }
    Loaded previous = files.get(file);
    try {
      List<String> ids = routeIdsOf(file, text);
      Set<String> taken = new HashSet<>();
      files.forEach((other, l) -> taken.addAll(other.equals(file) ? List.of() : l.routeIds()));
      List<String> clash = ids.stream().filter(taken::contains).toList();
      if (!clash.isEmpty()) {
        throw new IllegalArgumentException(
            "route ids " + clash + " are already used by another file");
      }
      if (previous != null) {
        removeRoutes(previous.routeIds());
      }
      List<String> added = addRoutes(file, text);
      files.put(file, new Loaded(text, stamp, added));
      refused.remove(file);
      loadedAt.put(file, clock.instant());
      LOG.info("{} route file {} loaded: routes {}", label, name(file), added);
      if (listener != null) {
        listener.loaded(file, added.stream().map(camel::getRoute).toList());
      }
      return true;
    } catch (Exception e) {
      String why = rootMessage(e);
      refused.put(file, new Refused(stamp, why, clock.instant()));
      LOG.error(
          "{} route file {} was refused{}: {}",
          label,
          name(file),
          previous == null ? "" : " (its previous content stays in service)",
          why);
      return previous != null && restore(file, previous);
    }
  }

  /** Puts a file's previous routes back after its new content failed to start. */
  private boolean restore(Path file, Loaded previous) {
    if (previous.routeIds().stream().allMatch(id -> camel.getRoute(id) != null)) {
      return false;
    }
    try {
      files.put(
          file, new Loaded(previous.text(), previous.stamp(), addRoutes(file, previous.text())));
    } catch (Exception again) {
      files.remove(file);
      LOG.error(
          "Restoring the previous routes of {} failed too: {}", name(file), rootMessage(again));
    }
    return true;
  }

  /** Reads a file into a context that is never started: checks the DSL, gives the route ids. */
  private List<String> routeIdsOf(Path file, String text) throws Exception {
    DefaultCamelContext scratch = new DefaultCamelContext(false);
    scratch.setApplicationContextClassLoader(camel.getApplicationContextClassLoader());
    try {
      scratch.build();
      PluginHelper.getRoutesLoader(scratch).loadRoutes(ResourceHelper.fromString(name(file), text));
      List<String> ids = new ArrayList<>();
      for (RouteDefinition route : ((ModelCamelContext) scratch).getRouteDefinitions()) {
        if (route.getRouteId() == null) {
          throw new IllegalArgumentException(
              "every route needs an id (route from " + route.getEndpointUrl() + ")");
        }
        ids.add(route.getRouteId());
      }
      Set<String> unique = new HashSet<>();
      List<String> twice = ids.stream().filter(id -> !unique.add(id)).toList();
      if (!twice.isEmpty()) {
        throw new IllegalArgumentException("route ids " + twice + " appear twice in the file");
      }
      return ids;
    } finally {
      scratch.close();
    }
  }

  private List<String> addRoutes(Path file, String text) throws Exception {
    Set<String> before = routeIds();
    try {
      PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString(name(file), text));
    } catch (Exception e) {
      Set<String> partial = routeIds();
      partial.removeAll(before);
      removeRoutes(new ArrayList<>(partial));
      throw e;
    }
    Set<String> added = routeIds();
    added.removeAll(before);
    return List.copyOf(added);
  }

  private Set<String> routeIds() {
    return camel.getRoutes().stream()
        .map(Route::getRouteId)
        .collect(Collectors.toCollection(HashSet::new));
  }

  private void removeRoutes(List<String> ids) {
    for (String id : ids) {
      try {
        camel.getRouteController().stopRoute(id);
        camel.removeRoute(id);
      } catch (Exception e) {
        LOG.warn("Could not remove {} route {}: {}", label, id, e.toString());
      }
    }
  }

  private static String name(Path file) {
    return file.getFileName().toString();
  }

  /** A failure's message with its root cause, as admins read it in the log and the shell. */
  public static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e
        ? String.valueOf(e.getMessage())
        : e.getMessage() + " (caused by " + root + ")";
  }

  /** Removes every route of the files; the context itself is the caller's. */
  @Override
  public synchronized void close() {
    files.values().forEach(l -> removeRoutes(l.routeIds()));
    files.clear();
    refused.clear();
    loadedAt.clear();
  }
}
