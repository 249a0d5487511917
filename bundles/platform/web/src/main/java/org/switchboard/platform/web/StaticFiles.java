package org.switchboard.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The app's files, read once from the bundle's {@code web/} folder, with their media type and a
 * strong ETag. Only plain names of known types are served: no "..", no hidden files, no listing.
 */
public final class StaticFiles {
  private static final Pattern SAFE =
      Pattern.compile("([a-z0-9][a-z0-9_-]*/)*[a-z0-9][a-z0-9._-]*");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "json", "application/json");

  /** A file ready to send. */
  public record File(byte[] content, String contentType, String etag) {}

  private final ClassLoader loader;
  private final String root;
  private final Map<String, Optional<File>> cache = new ConcurrentHashMap<>();

  /**
   * @param loader the class loader of the bundle that holds the files
   * @param root the folder inside it, e.g. {@code web}
   */
  public StaticFiles(ClassLoader loader, String root) {
    this.loader = loader;
    this.root = root;
  }

  /** The file at {@code path} (relative, e.g. {@code desk.js}); empty when unknown or unsafe. */
  public Optional<File> find(String path) {
    if (path == null || path.length() > 200 || !SAFE.matcher(path).matches()) {
      return Optional.empty();
    }
    String type = TYPES.get(extension(path));
    if (type == null) {
      return Optional.empty();
    }
    return cache.computeIfAbsent(path, p -> load(p, type));
  }

  private Optional<File> load(String path, String type) {
    URL url = loader.getResource(root + "/" + path);
    if (url == null) {
      return Optional.empty();
    }
    try (InputStream in = url.openStream()) {
      byte[] content = in.readAllBytes();
      return Optional.of(new File(content, type, "\"" + sha256(content).substring(0, 32) + "\""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String extension(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
