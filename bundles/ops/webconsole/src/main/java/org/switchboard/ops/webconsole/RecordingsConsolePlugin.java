package org.switchboard.ops.webconsole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.platform.web.ByteRange;
import org.switchboard.recording.api.RecordingAccess;
import org.switchboard.recording.api.RecordingAudio;
import org.switchboard.recording.api.RecordingCatalog;
import org.switchboard.recording.api.RecordingInfo;
import org.switchboard.recording.api.RecordingQuery;

/**
 * The "Recordings" page of the web console ({@code /system/console/switchboard-recordings}): search
 * the call recordings, play one in the browser, download it, see its access log.
 *
 * <p>Only admins reach it: the console itself admits no other role ({@code
 * etc/org.apache.karaf.webconsole.cfg}, {@code role = admin}). Recordings carry customers' personal
 * data, so the audio is only given out with a purpose (1-200 characters, e.g. {@code quality
 * review}): each opening goes through {@link RecordingCatalog#open}, which writes it to the
 * recording's own access log, and to the console's audit log as {@code recording.play} or {@code
 * recording.download} with the recording and the purpose.
 *
 * <p>Resources under the label:
 *
 * <ul>
 *   <li>{@code GET search.json?interaction=&agent=&queue=&from=&to=&limit=50}: matching recordings,
 *       newest first ({@code from}/{@code to} are ISO-8601 instants);
 *   <li>{@code GET accesses.json?id=}: who opened a recording, when and why;
 *   <li>{@code GET audio.<wav|flac|ogg>?id=&purpose=[&download=1]}: the audio with HTTP byte ranges
 *       ({@code Accept-Ranges}, 206 with {@code Content-Range}, 416 outside the file), as the REST
 *       API serves it; the extension only routes the request, the answer's type is the file's own.
 * </ul>
 */
@Component(
    service = Servlet.class,
    property = {
      "felix.webconsole.label=" + RecordingsConsolePlugin.LABEL,
      "felix.webconsole.title=Recordings",
      "felix.webconsole.category=Switchboard"
    })
public class RecordingsConsolePlugin extends SwitchboardPage {
  static final String LABEL = "switchboard-recordings";
  private static final long serialVersionUID = 1L;

  /** The longest purpose the page takes (the catalogue itself takes up to 256). */
  static final int PURPOSE_MAX = 200;

  /** How many recordings a search lists unless it says otherwise. */
  static final int DEFAULT_LIMIT = 50;

  /** How long one recorded opening covers the range requests that continue it. */
  static final Duration OPENING_LIFETIME = Duration.ofMinutes(30);

  /** At most this many openings are remembered (the expired ones go first). */
  private static final int MAX_OPENINGS = 1000;

  private static final Set<String> EXTENSIONS = Set.of("wav", "flac", "ogg");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern LIMIT = Pattern.compile("\\d{1,4}");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  private final transient RecordingCatalog catalog;
  private final transient Clock clock;
  private final transient Map<Opener, Opening> openings = new ConcurrentHashMap<>();

  /** A recording's row in the search table; durations in whole seconds. */
  record RecordingRow(
      String id,
      String interactionId,
      String agentId,
      String queue,
      String state,
      Instant startedAt,
      Instant endedAt,
      long durationSeconds,
      long pausedSeconds,
      long bytes,
      String sha256,
      Instant deleteAfter) {
    static RecordingRow of(RecordingInfo r) {
      return new RecordingRow(
          r.id(),
          r.interactionId(),
          r.agentId(),
          r.queue(),
          r.state(),
          r.startedAt(),
          r.endedAt(),
          seconds(r.duration()),
          seconds(r.paused()),
          r.bytes(),
          r.sha256(),
          r.deleteAfter());
    }

    private static long seconds(Duration d) {
      return d == null ? 0 : d.toSeconds();
    }
  }

  /** Who opened which recording, why, and whether to play or to download it. */
  private record Opener(String user, String id, String purpose, boolean download) {}

  /** A recorded opening: the file the catalogue gave out, and when. */
  private record Opening(Path file, Instant at) {}

  @Activate
  public RecordingsConsolePlugin(@Reference RecordingCatalog catalog) {
    this(catalog, Clock.systemUTC());
  }

  RecordingsConsolePlugin(RecordingCatalog catalog, Clock clock) {
    super(LABEL, "Recordings", "recordings.html");
    this.catalog = catalog;
    this.clock = clock;
  }

  @Override
  Map<String, Read> reads() {
    return Map.of("search", this::search, "accesses", this::accesses);
  }

  List<RecordingRow> search(HttpServletRequest req) {
    Instant from = instant("from", req.getParameter("from"));
    Instant to = instant("to", req.getParameter("to"));
    if (from != null && to != null && !to.isAfter(from)) {
      throw new ValidationException("to", "must be after from");
    }
    RecordingQuery query =
        new RecordingQuery(
            optional(req.getParameter("interaction")),
            optional(req.getParameter("agent")),
            optional(req.getParameter("queue")),
            from,
            to,
            limit(req.getParameter("limit")));
    return catalog.search(query).stream().map(RecordingRow::of).toList();
  }

  List<RecordingAccess> accesses(HttpServletRequest req) {
    String id = id(req);
    catalog.find(id).orElseThrow(() -> new NotFoundException("recording", id));
    return catalog.accesses(id);
  }

  @Override
  void download(String name, String extension, HttpServletRequest req, HttpServletResponse res)
      throws IOException {
    if (!"audio".equals(name) || !EXTENSIONS.contains(extension)) {
      super.download(name, extension, req, res);
      return;
    }
    // Browsers say where a request comes from: a page of another site (an <audio> on it, say)
    // must not open a recording in the admin's name. Clients that do not say (curl) may.
    String site = req.getHeader("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      writeJson(res, 403, error("forbidden", "recordings are opened from the console page"));
      return;
    }
    String id = id(req);
    String purpose = purpose(req.getParameter("purpose"));
    Opener opener =
        new Opener(ConsoleUser.of(req), id, purpose, "1".equals(req.getParameter("download")));
    String range = req.getHeader("Range");
    Opening opening = continued(opener, range);
    if (opening == null) {
      opening = open(opener);
    }
    long size;
    try {
      size = Files.size(opening.file());
    } catch (NoSuchFileException e) {
      openings.remove(opener);
      throw new NotFoundException("recording file", id);
    }
    serve(opener, opening.file(), size, ByteRange.parse(range, size), res);
  }

  /**
   * The opening a request continues, or null when it is to be opened (and recorded) anew.
   *
   * <p>A browser's {@code <audio>} makes one play out of many requests: {@code Range: bytes=0-}
   * first, then one range per seek, per buffering gap or for the end of the file. Recording each
   * would flood the access and audit logs with one play, so only a request that starts the file (no
   * {@code Range}, or a range starting at byte 0) is recorded; a range further in continues the
   * opening the same user made of the same recording, with the same purpose and for the same use
   * (play or download), within {@link #OPENING_LIFETIME}. Without such an opening (none yet,
   * expired, or its file gone) the request is recorded like a first one, so no byte is ever given
   * out without a recorded opening covering it.
   */
  private Opening continued(Opener opener, String range) throws IOException {
    Opening opening = openings.get(opener);
    if (opening == null) {
      return null;
    }
    if (!clock.instant().isBefore(opening.at().plus(OPENING_LIFETIME))
        || !Files.isRegularFile(opening.file())) {
      openings.remove(opener, opening);
      return null;
    }
    ByteRange.Ask ask = ByteRange.parse(range, Files.size(opening.file()));
    boolean fromStart =
        ask instanceof ByteRange.Whole
            || (ask instanceof ByteRange.Part p && p.range().first() == 0);
    return fromStart ? null : opening;
  }

  /** Opens the recording through the catalogue (its access log) and writes the audit line. */
  private Opening open(Opener opener) {
    Path file = catalog.open(opener.id(), opener.user(), opener.purpose());
    audited(
        opener.user(),
        opener.download() ? "recording.download" : "recording.play",
        "recording=" + opener.id() + " purpose=" + opener.purpose());
    Opening opening = new Opening(file, clock.instant());
    if (openings.size() >= MAX_OPENINGS) {
      Instant now = clock.instant();
      openings.values().removeIf(o -> !now.isBefore(o.at().plus(OPENING_LIFETIME)));
      if (openings.size() >= MAX_OPENINGS) {
        openings.clear();
      }
    }
    openings.put(opener, opening);
    return opening;
  }

  /** Writes the audit line of an opening (a test sees the lines here). */
  void audited(String user, String action, String details) {
    audit(user, action, details);
  }

  /** Answers as {@code RecordingResource} of the REST API does: 200, 206 or 416. */
  private static void serve(
      Opener opener, Path file, long size, ByteRange.Ask ask, HttpServletResponse res)
      throws IOException {
    res.setHeader("Cache-Control", "no-store");
    if (ask instanceof ByteRange.Unsatisfiable) {
      res.setStatus(416);
      res.setHeader("Content-Range", "bytes */" + size);
      return;
    }
    ByteRange part =
        ask instanceof ByteRange.Part p ? p.range() : new ByteRange(0, Math.max(0, size - 1));
    res.setStatus(ask instanceof ByteRange.Part ? 206 : 200);
    res.setContentType(RecordingAudio.contentType(file));
    res.setHeader("Accept-Ranges", "bytes");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setContentLengthLong(size == 0 ? 0 : part.length());
    res.setHeader(
        "Content-Disposition",
        (opener.download() ? "attachment" : "inline")
            + "; filename=\""
            + opener.id()
            + "."
            + extension(file)
            + "\"");
    if (ask instanceof ByteRange.Part) {
      res.setHeader("Content-Range", part.contentRange(size));
    }
    if (size > 0) {
      part.copy(file, res.getOutputStream());
    }
  }

  // ---- request parameters --------------------------------------------------------------

  private static String id(HttpServletRequest req) {
    String id = req.getParameter("id");
    if (id == null || id.isBlank()) {
      throw new ValidationException("id", "is required");
    }
    if (!ID.matcher(id.strip()).matches()) {
      throw new ValidationException("id", "is not a recording id");
    }
    return id.strip();
  }

  /** Control characters become spaces, so that a purpose cannot start a line of its own. */
  static String purpose(String value) {
    String purpose = value == null ? "" : CONTROL.matcher(value).replaceAll(" ").strip();
    if (purpose.isEmpty()) {
      throw new ValidationException(
          "purpose", "say why the recording is opened (e.g. quality review)");
    }
    if (purpose.length() > PURPOSE_MAX) {
      throw new ValidationException("purpose", "at most " + PURPOSE_MAX + " characters");
    }
    return purpose;
  }

  private static String optional(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static int limit(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    if (!LIMIT.matcher(value.strip()).matches()) {
      throw new ValidationException("limit", "a whole number from 1 to 1000 is required");
    }
    return Integer.parseInt(value.strip());
  }

  private static Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new ValidationException(
          field, "must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
    }
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
