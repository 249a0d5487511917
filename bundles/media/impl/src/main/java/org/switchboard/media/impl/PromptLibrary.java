package org.switchboard.media.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.switchboard.media.api.MediaException;

/**
 * The prompts: {@code <name>.wav} from the admins' prompt directory, else one shipped in this
 * bundle under {@code /prompts/}. Each is converted once and kept in a bounded cache; a file that
 * changed on disk (modification time or size) is read again. Thread-safe; loading happens on the
 * caller's thread, outside the cache lock.
 */
final class PromptLibrary {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
  private static final int MAX_CACHED = 256;

  private final Path directory;
  private final Map<String, Cached> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
          return size() > MAX_CACHED;
        }
      };

  private record Cached(String stamp, PromptAudio audio) {}

  PromptLibrary(Path directory) {
    this.directory = directory;
  }

  /**
   * The prompt called {@code name}.
   *
   * @throws MediaException when the name is not a plain file name, no such prompt exists, or its
   *     file cannot be read as audio
   */
  PromptAudio prompt(String name) throws MediaException {
    if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
      throw new MediaException(
          "not a prompt name: " + name + " (letters, digits, '.', '_' and '-' only)");
    }
    Path file = directory.resolve(name + ".wav");
    String stamp = stampOf(file);
    Cached cached = cached(name);
    if (cached != null && cached.stamp().equals(stamp)) {
      return cached.audio();
    }
    PromptAudio audio =
        new PromptAudio(name, stamp.isEmpty() ? shipped(name) : WavReader.read(file));
    synchronized (cache) {
      cache.put(name, new Cached(stamp, audio));
    }
    return audio;
  }

  /**
   * The audio of a file given by path (rendered speech, an uploaded file being checked), cached by
   * its absolute path like named prompts.
   *
   * @throws MediaException when there is no such file or it cannot be read as audio
   */
  PromptAudio file(Path file) throws MediaException {
    Path absolute = file.toAbsolutePath().normalize();
    String stamp = stampOf(absolute);
    if (stamp.isEmpty()) {
      throw new MediaException("no audio file " + absolute);
    }
    String key = "file:" + absolute;
    Cached cached = cached(key);
    if (cached != null && cached.stamp().equals(stamp)) {
      return cached.audio();
    }
    String name = absolute.getFileName().toString().replaceFirst("\\.wav$", "");
    PromptAudio audio = new PromptAudio(name, WavReader.read(absolute));
    synchronized (cache) {
      cache.put(key, new Cached(stamp, audio));
    }
    return audio;
  }

  private Cached cached(String name) {
    synchronized (cache) {
      return cache.get(name);
    }
  }

  /** A file's modification time and size, or "" when there is no such file. */
  private static String stampOf(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        return "";
      }
      return Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file);
    } catch (IOException e) {
      return "";
    }
  }

  private short[] shipped(String name) throws MediaException {
    String resource = "/prompts/" + name + ".wav";
    try (InputStream in = PromptLibrary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new MediaException(
            "no prompt named " + name + ": put " + name + ".wav into " + directory);
      }
      return WavReader.read("prompt " + resource, in);
    } catch (IOException e) {
      throw new MediaException("cannot read the shipped prompt " + resource + ": " + e, e);
    }
  }
}
