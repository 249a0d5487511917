package org.switchboard.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of an HTTP {@code Range} header (RFC 9110 §14.1.2), the form audio and video
 * players send to seek: {@code bytes=500-999}, {@code bytes=500-} or {@code bytes=-500} (the last
 * 500). A header with several ranges, another unit or anything unreadable is answered with the
 * whole file (the RFC allows a server to ignore a Range header).
 *
 * <p>Whoever serves a file with ranges answers what {@link #parse} returns: {@link Whole} with 200
 * and the whole file, {@link Part} with 206, {@code Content-Range: }{@link #contentRange} and only
 * that range's bytes, {@link Unsatisfiable} with 416 and {@code Content-Range: bytes *}{@code
 * /<size>}; every answer says {@code Accept-Ranges: bytes}. The REST API's recording audio and the
 * web console's recordings page both serve recordings this way.
 *
 * @param first offset of the first byte (0 or more)
 * @param last offset of the last byte, inclusive (not before {@code first})
 */
public record ByteRange(long first, long last) {
  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

  /**
   * @throws IllegalArgumentException when {@code first} is negative or {@code last} before it
   */
  public ByteRange {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException("not a byte range: " + first + "-" + last);
    }
  }

  /** What a Range header asks of a file of a given size. */
  public sealed interface Ask permits Whole, Part, Unsatisfiable {}

  /** No usable Range header: the whole file (200). */
  public record Whole() implements Ask {}

  /** One range inside the file (206). */
  public record Part(ByteRange range) implements Ask {}

  /** A range outside the file (416). */
  public record Unsatisfiable() implements Ask {}

  /** How many bytes the range covers. */
  public long length() {
    return last - first + 1;
  }

  /** The {@code Content-Range} value for this range of a file of {@code size} bytes. */
  public String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /** Writes this range of {@code file} to {@code out}, 64 KiB at a time. */
  public void copy(Path file, OutputStream out) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        InputStream in = Channels.newInputStream(ch.position(first))) {
      byte[] buffer = new byte[64 * 1024];
      long left = length();
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
        left -= n;
      }
    }
  }

  /**
   * What a {@code Range} header asks of a file of {@code size} bytes; a range reaching past the end
   * is cut at the last byte.
   *
   * @param header the header's value, null when the request has none
   */
  public static Ask parse(String header, long size) {
    Matcher m = header == null ? null : SINGLE.matcher(header.strip());
    if (m == null || !m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return new Whole();
    }
    Optional<ByteRange> range =
        m.group(1).isEmpty()
            ? suffix(Long.parseLong(m.group(2)), size)
            : from(Long.parseLong(m.group(1)), m.group(2), size);
    return range.<Ask>map(Part::new).orElseGet(Unsatisfiable::new);
  }

  private static Optional<ByteRange> suffix(long n, long size) {
    if (n == 0 || size == 0) {
      return Optional.empty();
    }
    return Optional.of(new ByteRange(Math.max(0, size - n), size - 1));
  }

  private static Optional<ByteRange> from(long first, String lastText, long size) {
    if (first >= size) {
      return Optional.empty();
    }
    long last = lastText.isEmpty() ? size - 1 : Math.min(Long.parseLong(lastText), size - 1);
    return last < first ? Optional.empty() : Optional.of(new ByteRange(first, last));
  }
}
