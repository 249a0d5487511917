package org.switchboard.media.tts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.switchboard.media.api.MediaException;

/**
 * Rendered sentences on disk, one WAV file per key (voice, rate and text), named by the key's
 * SHA-256 so any text is a safe file name. A key is rendered once even when several calls ask for
 * it at the same time; files are written complete before they appear (renamed into place), and the
 * oldest go when there are more than the limit.
 */
final class TtsCache {
  /** Renders a key's audio into the given file. */
  interface Renderer {
    void render(Path target) throws MediaException;
  }

  private final Path directory;
  private final int maxFiles;
  private final ConcurrentHashMap<String, Object> rendering = new ConcurrentHashMap<>();

  TtsCache(Path directory, int maxFiles) {
    if (maxFiles < 1) {
      throw new IllegalArgumentException("maxCachedFiles must be positive");
    }
    this.directory = directory;
    this.maxFiles = maxFiles;
    removeLeftovers();
  }

  /** Half-written files of a rendering the process did not finish (killed mid-way). */
  private void removeLeftovers() {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> all = Files.list(directory)) {
      for (Path p : all.collect(Collectors.toList())) {
        String name = p.getFileName().toString();
        if (name.startsWith("espeak-") || name.startsWith("tts-")) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      // the cache still works; the leftovers stay until the next start
    }
  }

  /** The file of {@code key}, rendered now when it is not in the cache. */
  Path get(String key, Renderer renderer) throws MediaException {
    Path file = directory.resolve(sha256(key) + ".wav");
    if (Files.isRegularFile(file)) {
      return file;
    }
    Object lock = rendering.computeIfAbsent(file.getFileName().toString(), k -> new Object());
    try {
      synchronized (lock) {
        if (!Files.isRegularFile(file)) {
          Files.createDirectories(directory);
          renderer.render(file);
          evictOldest();
        }
      }
      return file;
    } catch (IOException e) {
      throw new MediaException("the speech cache " + directory + " is not writable", e);
    } finally {
      rendering.remove(file.getFileName().toString(), lock);
    }
  }

  private void evictOldest() throws IOException {
    List<Path> files;
    try (Stream<Path> all = Files.list(directory)) {
      files =
          all.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}\\.wav"))
              .sorted(Comparator.comparingLong(TtsCache::modified))
              .collect(Collectors.toList());
    }
    for (int i = 0; i < files.size() - maxFiles; i++) {
      Files.deleteIfExists(files.get(i));
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private static String sha256(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
