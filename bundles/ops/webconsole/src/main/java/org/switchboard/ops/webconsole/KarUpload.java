package org.switchboard.ops.webconsole;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.switchboard.core.api.ValidationException;

/**
 * A KAR file uploaded from the Plugins page, checked and stored in a temporary directory of its own
 * under the file's name (Karaf names an installed KAR after its file). Closing it deletes the file
 * and the directory.
 *
 * <p>A bad upload is a {@link ValidationException} on field {@code file}, answered 400: no file
 * name, a name that does not end in {@code .kar} or has other characters than letters, digits,
 * dots, dashes and underscores, an empty file, one above the size limit, or one that is not a zip
 * archive with a {@code repository/} folder.
 */
final class KarUpload implements AutoCloseable {
  /** The largest KAR the page accepts: 100 MiB. */
  static final long LIMIT = 100L * 1024 * 1024;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,119}");
  private static final String FIELD = "file";

  private final String name;
  private final Path file;

  private KarUpload(String name, Path file) {
    this.name = name;
    this.file = file;
  }

  /** The KAR's name as {@code kar:list} shows it: the file name without {@code .kar}. */
  String name() {
    return name;
  }

  Path file() {
    return file;
  }

  /**
   * Receives an upload.
   *
   * @param fileName the file's name as the page sent it (URL-encoded, header {@code X-File-Name})
   * @param declaredLength the request's {@code Content-Length}, -1 when unknown
   * @param body the file's bytes
   * @param directory where to create the temporary directory
   * @param limit the largest accepted size in bytes
   */
  static KarUpload receive(
      String fileName, long declaredLength, InputStream body, Path directory, long limit)
      throws IOException {
    String file = fileName(fileName);
    if (declaredLength > limit) {
      throw tooBig(file, declaredLength, limit);
    }
    Files.createDirectories(directory);
    Path dir = Files.createTempDirectory(directory, "kar-upload-");
    KarUpload upload = new KarUpload(file.substring(0, file.length() - 4), dir.resolve(file));
    try {
      long size = copy(body, upload.file, limit, file);
      if (size == 0) {
        throw new ValidationException(FIELD, file + " is empty");
      }
      checkArchive(upload.file, file);
      return upload;
    } catch (IOException | RuntimeException e) {
      upload.close();
      throw e;
    }
  }

  /** The file name from the header: decoded, without any folder, ending in .kar. */
  static String fileName(String header) {
    if (header == null || header.isBlank()) {
      throw new ValidationException(
          FIELD, "the upload carries no file name (header X-File-Name): choose a .kar file");
    }
    String decoded;
    try {
      decoded = URLDecoder.decode(header.trim(), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ValidationException(FIELD, "the file name is not URL-encoded: " + header);
    }
    String file =
        decoded.substring(Math.max(decoded.lastIndexOf('/'), decoded.lastIndexOf('\\')) + 1);
    if (!file.toLowerCase(Locale.ROOT).endsWith(".kar") || file.length() <= 4) {
      throw new ValidationException(
          FIELD, "'" + file + "' is not a KAR: choose the partner's plugin archive, a .kar file");
    }
    if (!NAME.matcher(file.substring(0, file.length() - 4)).matches()) {
      throw new ValidationException(
          FIELD,
          "rename '"
              + file
              + "' to letters, digits, dots, dashes and underscores only (at most 120 before"
              + " .kar): Karaf names the installed KAR after its file");
    }
    return file.substring(0, file.length() - 4) + ".kar";
  }

  private static long copy(InputStream in, Path target, long limit, String file)
      throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try (OutputStream out = Files.newOutputStream(target)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
        if (total > limit) {
          throw tooBig(file, -1, limit);
        }
        out.write(buffer, 0, n);
      }
    }
    return total;
  }

  /** A KAR is a zip archive (it starts with {@code PK\3\4}) whose artifacts are in repository/. */
  private static void checkArchive(Path path, String file) throws IOException {
    byte[] head = new byte[4];
    try (InputStream in = Files.newInputStream(path)) {
      int read = in.readNBytes(head, 0, 4);
      if (read < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
        throw new ValidationException(
            FIELD, file + " is not a KAR: a KAR is a zip archive, and this file is not one");
      }
    }
    try (ZipFile zip = new ZipFile(path.toFile())) {
      if (zip.stream().noneMatch(e -> e.getName().startsWith("repository/"))) {
        throw new ValidationException(
            FIELD,
            file
                + " is a zip archive but not a KAR: it has no repository/ folder (a KAR is built"
                + " with the karaf-maven-plugin, packaging kar)");
      }
    } catch (ZipException e) {
      throw new ValidationException(
          FIELD, file + " is a damaged zip archive (" + e.getMessage() + "): upload it again");
    }
  }

  private static ValidationException tooBig(String file, long size, long limit) {
    String what = size > 0 ? " is " + size(size) : " is too big";
    return new ValidationException(
        FIELD,
        file + what + ": the limit is " + size(limit) + " (copy larger KARs to deploy/ instead)");
  }

  /** A size as people read it: {@code 100 MiB}, {@code 12.5 MiB}, {@code 512 KiB}. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    boolean mib = bytes >= 1024 * 1024;
    double value = bytes / (mib ? 1048576.0 : 1024.0);
    String number =
        value == Math.rint(value)
            ? String.valueOf((long) value)
            : String.format(Locale.ROOT, "%.1f", value);
    return number + (mib ? " MiB" : " KiB");
  }

  /** Deletes the file and its temporary directory. */
  @Override
  public void close() throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(file.getParent());
  }
}
