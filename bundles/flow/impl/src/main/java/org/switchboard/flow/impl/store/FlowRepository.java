package org.switchboard.flow.impl.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.flow.api.FlowInfo;
import org.switchboard.flow.api.FlowProblem;
import org.switchboard.flow.api.FlowValidationException;
import org.switchboard.flow.api.FlowVersion;
import org.switchboard.flow.impl.document.DocumentReader;
import org.switchboard.flow.impl.document.FlowCompiler;
import org.switchboard.flow.impl.model.FlowDefinition;

/**
 * The flows: the files {@code <id>.yaml|yml|json} in the flow directory, their versions in a {@link
 * FlowHistory}, and the active version of each. A flow exists while its file does; a valid change
 * of the file becomes a new version; an invalid one is logged with its problems and the previous
 * version stays active (also across restarts). {@link #deploy} and {@link #rollback} write the file
 * too, so files and API agree.
 *
 * <p>Reads of the active flows are lock-free; scans, deploys and rollbacks are synchronized.
 */
public final class FlowRepository {
  private static final Logger LOG = LoggerFactory.getLogger(FlowRepository.class);
  private static final Pattern FILE =
      Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]{0,63})\\.(yaml|yml|json)");

  private record Stamp(long modified, long size, String sha256) {}

  private final Path directory;
  private final FlowHistory history;
  private final FlowCompiler compiler;
  private final Clock clock;
  private final Map<String, ActiveFlow> active = new ConcurrentHashMap<>();
  private final Map<Path, Stamp> seen = new HashMap<>();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  /**
   * Opens the flows of a directory.
   *
   * @param directory where admins keep flow files
   * @param history where versions are stored
   */
  public FlowRepository(Path directory, FlowHistory history, FlowCompiler compiler, Clock clock) {
    this.directory = directory;
    this.history = history;
    this.compiler = compiler;
    this.clock = clock;
  }

  /**
   * Calls a listener with a flow id after each scan that changed that flow (for tests, admin UIs).
   */
  public void addListener(Consumer<String> listener) {
    listeners.add(listener);
  }

  /** The active version of a flow. */
  public Optional<ActiveFlow> active(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(active.get(id));
  }

  /** Every active flow, by id. */
  public List<FlowInfo> flows() {
    return active.values().stream()
        .map(ActiveFlow::info)
        .sorted(Comparator.comparing(FlowInfo::id))
        .toList();
  }

  /** The stored versions of a flow, oldest first. */
  public List<FlowVersion> history(String id) {
    if (!validId(id)) {
      return List.of();
    }
    FlowHistory.Index index = history.index(id);
    ActiveFlow now = active.get(id);
    return index.versions().stream()
        .map(
            e ->
                new FlowVersion(
                    e.version(),
                    Instant.parse(e.createdAt()),
                    e.source(),
                    e.sha256(),
                    now != null && now.info().version() == e.version()))
        .toList();
  }

  /**
   * The text of a stored version, exactly as it was activated.
   *
   * @return the text; empty for an id that is not a flow id, an unknown flow or version, or a text
   *     that cannot be read (logged)
   */
  public Optional<String> document(String id, int version) {
    if (!validId(id) || version < 1) {
      return Optional.empty();
    }
    try {
      return history.text(id, version);
    } catch (UncheckedIOException e) {
      LOG.warn("Cannot read version {} of flow {}: {}", version, id, e.getCause().toString());
      return Optional.empty();
    }
  }

  /** Looks at the flow directory once: new, changed and removed files. */
  public synchronized void scan() {
    Map<String, Path> files = flowFiles();
    Set<String> changed = new HashSet<>();
    files.forEach(
        (id, file) -> {
          if (load(id, file)) {
            changed.add(id);
          }
        });
    for (String id : List.copyOf(active.keySet())) {
      if (!files.containsKey(id)) {
        active.remove(id);
        changed.add(id);
        LOG.warn(
            "Flow {} removed: its file is gone from {}; contacts asking for it go to the fallback queue"
                + " (its history is kept: roll back or deploy to bring it back)",
            id,
            directory);
      }
    }
    seen.keySet().removeIf(p -> !files.containsValue(p));
    changed.forEach(id -> listeners.forEach(l -> l.accept(id)));
  }

  /**
   * Validates and activates a document as a new version, writing its file.
   *
   * @throws FlowValidationException when it has errors
   */
  public synchronized FlowInfo deploy(String id, String text, String source)
      throws FlowValidationException {
    if (!validId(id)) {
      throw new FlowValidationException(
          String.valueOf(id),
          List.of(
              FlowProblem.error(
                  "id",
                  "'" + id + "' is not a valid flow id: 1-64 letters, digits, '.', '_' or '-'")));
    }
    FlowCompiler.Result result = compiler.compile(text, id);
    if (!result.ok()) {
      throw new FlowValidationException(id, result.problems());
    }
    ActiveFlow current = active.get(id);
    String sha = FlowHistory.sha256(text);
    if (current != null && current.sha256().equals(sha) && source.equals("deploy")) {
      return current.info();
    }
    Path file = writeFile(id, text);
    FlowHistory.Entry entry = history.add(id, text, format(text), source);
    activate(result.flow().get(), entry, source);
    remember(file, sha);
    listeners.forEach(l -> l.accept(id));
    return active.get(id).info();
  }

  /**
   * Activates the text of an old version again, as a new version.
   *
   * @throws NotFoundException when the flow or version is unknown
   */
  public synchronized FlowInfo rollback(String id, int version) throws FlowValidationException {
    String text =
        (validId(id) ? history.text(id, version) : Optional.<String>empty())
            .orElseThrow(() -> new NotFoundException("flow version", id + " v" + version));
    return deploy(id, text, "rollback to version " + version);
  }

  /** Whether an id is one a flow can have (which also keeps it inside the directories). */
  private static boolean validId(String id) {
    return id != null && FILE.matcher(id + ".yaml").matches();
  }

  private Map<String, Path> flowFiles() {
    Map<String, Path> files = new HashMap<>();
    try {
      Files.createDirectories(directory);
      try (Stream<Path> list = Files.list(directory)) {
        for (Path file : list.filter(Files::isRegularFile).sorted().toList()) {
          Matcher m = FILE.matcher(file.getFileName().toString());
          if (m.matches()) {
            Path other = files.putIfAbsent(m.group(1), file);
            if (other != null && modified(file) > modified(other)) {
              files.put(m.group(1), file);
            }
          }
        }
      }
    } catch (IOException e) {
      LOG.error(
          "Cannot read the flow directory {}: {}; flows stay as they are", directory, e.toString());
      return active.keySet().stream()
          .collect(Collectors.toMap(id -> id, id -> directory.resolve(id + ".yaml")));
    }
    return files;
  }

  /** Loads a file if it changed; returns whether the active flow changed. */
  private boolean load(String id, Path file) {
    String text;
    Stamp stamp;
    try {
      long modified = modified(file);
      long size = Files.size(file);
      Stamp last = seen.get(file);
      if (last != null && last.modified() == modified && last.size() == size) {
        return false;
      }
      text = Files.readString(file);
      stamp = new Stamp(modified, size, FlowHistory.sha256(text));
      seen.put(file, stamp);
      if (last != null && last.sha256().equals(stamp.sha256()) && active.containsKey(id)) {
        return false;
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Cannot read flow file {}: {}", file, e.toString());
      return false;
    }
    return compileFile(id, file, text, stamp.sha256());
  }

  private boolean compileFile(String id, Path file, String text, String sha) {
    ActiveFlow current = active.get(id);
    if (current != null && current.sha256().equals(sha)) {
      return false;
    }
    FlowCompiler.Result result = compiler.compile(text, id);
    FlowHistory.Index index = history.index(id);
    if (!result.ok()) {
      boolean restored = current == null && restoreFromHistory(id, index);
      ActiveFlow now = active.get(id);
      LOG.warn(
          "Flow file {} is invalid, {}:{}",
          file,
          now == null
              ? "no version of flow " + id + " is active"
              : "version " + now.info().version() + " stays active",
          result.problems().stream().map(p -> "\n  " + p).collect(Collectors.joining()));
      return restored;
    }
    result.problems().forEach(p -> LOG.info("Flow file {}: {}", file, p));
    Optional<FlowHistory.Entry> last = index.activeEntry();
    String source = "file " + file;
    if (last.isPresent() && last.get().sha256().equals(sha)) {
      activate(result.flow().get(), last.get(), last.get().source());
      LOG.info("Flow {} version {} active (from {})", id, last.get().version(), file);
    } else {
      FlowHistory.Entry entry = history.add(id, text, format(text), source);
      activate(result.flow().get(), entry, source);
      LOG.info("Flow {} version {} active: loaded from {}", id, entry.version(), file);
    }
    return true;
  }

  private boolean restoreFromHistory(String id, FlowHistory.Index index) {
    Optional<FlowHistory.Entry> entry = index.activeEntry();
    if (entry.isEmpty()) {
      return false;
    }
    Optional<FlowDefinition> flow =
        history
            .text(id, entry.get().version())
            .map(text -> compiler.compile(text, id))
            .flatMap(FlowCompiler.Result::flow);
    flow.ifPresent(f -> activate(f, entry.get(), entry.get().source()));
    return flow.isPresent();
  }

  private void activate(FlowDefinition flow, FlowHistory.Entry entry, String source) {
    FlowInfo info = new FlowInfo(flow.id(), flow.name(), entry.version(), clock.instant(), source);
    active.put(flow.id(), new ActiveFlow(flow, info, entry.sha256()));
  }

  private Path writeFile(String id, String text) {
    String ext = format(text);
    Path file = directory.resolve(id + "." + ext);
    try {
      Files.createDirectories(directory);
      for (String other : List.of("yaml", "yml", "json")) {
        if (!other.equals(ext)) {
          Files.deleteIfExists(directory.resolve(id + "." + other));
        }
      }
      FlowHistory.writeAtomically(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write flow file " + file, e);
    }
    return file;
  }

  private void remember(Path file, String sha) {
    try {
      seen.put(file, new Stamp(modified(file), Files.size(file), sha));
    } catch (IOException e) {
      seen.remove(file);
    }
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private static String format(String text) {
    return DocumentReader.isJson(text) ? "json" : "yaml";
  }

  /** For diagnostics. */
  @Override
  public String toString() {
    return "FlowRepository" + new ArrayList<>(active.keySet()) + " in " + directory;
  }
}
