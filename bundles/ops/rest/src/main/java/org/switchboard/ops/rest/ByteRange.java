package org.switchboard.ops.rest;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of an HTTP {@code Range} header (RFC 9110 §14.1.2), the form players send to seek:
 * {@code bytes=500-999}, {@code bytes=500-} or {@code bytes=-500} (the last 500). A header with
 * several ranges or another unit is served whole (allowed by the RFC).
 *
 * @param first offset of the first byte
 * @param last offset of the last byte (inclusive)
 */
record ByteRange(long first, long last) {
  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

  /** What a Range header asks of a file of {@code size} bytes. */
  sealed interface Ask permits Whole, Part, Unsatisfiable {}

  /** No usable Range header: the whole file (200). */
  record Whole() implements Ask {}

  /** One range (206). */
  record Part(ByteRange range) implements Ask {}

  /** A range outside the file (416). */
  record Unsatisfiable() implements Ask {}

  long length() {
    return last - first + 1;
  }

  /** The {@code Content-Range} value for this range of a file of {@code size} bytes. */
  String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  static Ask parse(String header, long size) {
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
