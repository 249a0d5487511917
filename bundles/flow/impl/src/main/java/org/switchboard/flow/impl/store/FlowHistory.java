package org.switchboard.flow.impl.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The versions of every flow, as files: {@code <root>/<id>/<version>.yaml} (or {@code .json}, as
 * the document was written) plus {@code <root>/<id>/index.json} naming the versions and the active
 * one. Files are written atomically (temporary file, then move). Thread-safe (synchronized).
 */
public final class FlowHistory {
  /** One stored version. */
  public record Entry(int version, String createdAt, String source, String sha256, String format) {
    String fileName() {
      return version + "." + format;
    }
  }

  /** The index of one flow's versions. */
  public record Index(int active, List<Entry> versions) {
    static final Index EMPTY = new Index(0, List.of());

    /** The active version's entry. */
    public Optional<Entry> activeEntry() {
      return versions.stream().filter(e -> e.version() == active).findFirst();
    }

    /** The entry of a version. */
    public Optional<Entry> entry(int version) {
      return versions.stream().filter(e -> e.version() == version).findFirst();
    }
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Path root;
  private final Clock clock;

  /**
   * Opens a history directory; created when first written.
   *
   * @param root the history directory
   * @param clock when versions are created
   */
  public FlowHistory(Path root, Clock clock) {
    this.root = root;
    this.clock = clock;
  }

  /** The SHA-256 of a text, hex. */
  public static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The ids that have a history. */
  public synchronized List<String> ids() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("index.json")))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list flow history " + root, e);
    }
  }

  /** The index of a flow; empty when it has no history. */
  public synchronized Index index(String id) {
    Path file = root.resolve(id).resolve("index.json");
    if (!Files.isRegularFile(file)) {
      return Index.EMPTY;
    }
    try {
      return JSON.readValue(file.toFile(), Index.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read flow history index " + file, e);
    }
  }

  /** The text of a stored version, or empty when there is no such version. */
  public synchronized Optional<String> text(String id, int version) {
    Optional<Entry> entry = index(id).entry(version);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(root.resolve(id).resolve(entry.get().fileName())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read version " + version + " of flow " + id, e);
    }
  }

  /**
   * Stores a text as the next version of a flow and makes it the active one.
   *
   * @param format {@code yaml} or {@code json}
   * @param source where it came from, for {@link org.switchboard.flow.api.FlowVersion#source()}
   * @return the new entry
   */
  public synchronized Entry add(String id, String text, String format, String source) {
    Index index = index(id);
    int version = index.versions().stream().mapToInt(Entry::version).max().orElse(0) + 1;
    Entry entry = new Entry(version, clock.instant().toString(), source, sha256(text), format);
    List<Entry> versions = new ArrayList<>(index.versions());
    versions.add(entry);
    Path dir = root.resolve(id);
    try {
      Files.createDirectories(dir);
      writeAtomically(dir.resolve(entry.fileName()), text);
      writeAtomically(
          dir.resolve("index.json"), JSON.writeValueAsString(new Index(version, versions)));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot store version " + version + " of flow " + id + " in " + dir, e);
    }
    return entry;
  }

  /** Writes a file through a temporary file in the same directory, then an atomic move. */
  static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The stored ids sorted, for diagnostics. */
  @Override
  public synchronized String toString() {
    return "FlowHistory" + new TreeSet<>(ids()) + " in " + root;
  }
}
