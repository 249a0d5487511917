package org.switchboard.ops.webconsole;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.ops.webconsole.RecordingFakes.Catalog;
import org.switchboard.ops.webconsole.RecordingFakes.TestClock;
import org.switchboard.recording.api.RecordingQuery;

class RecordingsConsolePluginTest {
  private static final String ID = "7f1c2a9e-0b6d-4d7e-9a51-3c2f1e0d9b8a";

  @TempDir Path dir;
  private final TestClock clock = new TestClock();
  private final Catalog catalog = new Catalog(clock);
  private final List<String> audit = new ArrayList<>();
  private final RecordingsConsolePlugin page =
      new RecordingsConsolePlugin(catalog, clock) {
        @Override
        void audited(String user, String action, String details) {
          audit.add("user=" + user + " action=" + action + " " + details);
        }
      };
  private byte[] audio;

  @BeforeEach
  void aRecording() throws IOException {
    audio = new byte[1000];
    new Random(7).nextBytes(audio);
    catalog.add(ID, Files.write(dir.resolve(ID + ".wav"), audio));
  }

  private ConsoleExchange get(ConsoleExchange request) throws IOException {
    return request.getFrom(page);
  }

  /** A GET of {@code /switchboard-recordings/<resource>} by {@code admin}. */
  private static ConsoleExchange request(String resource) {
    return ConsoleExchange.get("/" + RecordingsConsolePlugin.LABEL + "/" + resource);
  }

  private static ConsoleExchange audio(String purpose) {
    ConsoleExchange r = request("audio.wav").param("id", ID);
    return purpose == null ? r : r.param("purpose", purpose);
  }

  private static JsonNode json(ConsoleExchange response) throws IOException {
    assertThat(response.contentType).isEqualTo("application/json");
    return response.json();
  }

  @Test
  void searchPassesTheFiltersAndListsRows() throws IOException {
    ConsoleExchange r =
        get(
            request("search.json")
                .param("interaction", " i-" + ID + " ")
                .param("agent", "agent4")
                .param("queue", "support")
                .param("from", "2026-11-30T00:00:00Z")
                .param("to", "2026-12-01T00:00:00Z")
                .param("limit", "10"));

    assertThat(r.status).isEqualTo(200);
    assertThat(catalog.queries)
        .containsExactly(
            new RecordingQuery(
                "i-" + ID,
                "agent4",
                "support",
                Instant.parse("2026-11-30T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z"),
                10));
    JsonNode row = json(r).get(0);
    assertThat(row.path("id").asText()).isEqualTo(ID);
    assertThat(row.path("interactionId").asText()).isEqualTo("i-" + ID);
    assertThat(row.path("startedAt").asText()).isEqualTo("2026-11-30T10:15:00Z");
    assertThat(row.path("durationSeconds").asLong()).isEqualTo(42);
    assertThat(row.path("pausedSeconds").asLong()).isEqualTo(5);
    assertThat(row.path("bytes").asLong()).isEqualTo(1000);
    assertThat(row.path("sha256").asText()).hasSize(64);
    assertThat(catalog.log).as("searching opens nothing").isEmpty();
  }

  @Test
  void searchWithoutFiltersListsFifty() throws IOException {
    assertThat(get(request("search.json")).status).isEqualTo(200);
    assertThat(catalog.queries)
        .containsExactly(new RecordingQuery(null, null, null, null, null, 50));
  }

  @Test
  void searchRefusesBadFilters() throws IOException {
    ConsoleExchange date = get(request("search.json").param("from", "yesterday"));
    assertThat(date.status).isEqualTo(400);
    assertThat(json(date).path("message").asText()).startsWith("from:");

    ConsoleExchange limit = get(request("search.json").param("limit", "5000"));
    assertThat(limit.status).isEqualTo(400);
    assertThat(json(limit).path("message").asText()).startsWith("limit:");

    ConsoleExchange backwards =
        get(
            request("search.json")
                .param("from", "2026-12-01T00:00:00Z")
                .param("to", "2026-11-01T00:00:00Z"));
    assertThat(backwards.status).isEqualTo(400);
    assertThat(catalog.queries).isEmpty();
  }

  @Test
  void playsTheWholeFile() throws IOException {
    ConsoleExchange r = get(audio("quality review"));

    assertThat(r.status).isEqualTo(200);
    assertThat(r.contentType).isEqualTo("audio/wav");
    assertThat(r.responseHeader("Accept-Ranges")).isEqualTo("bytes");
    assertThat(r.contentLength).isEqualTo(1000);
    assertThat(r.responseHeader("Content-Range")).isNull();
    assertThat(r.responseHeader("Content-Disposition"))
        .isEqualTo("inline; filename=\"" + ID + ".wav\"");
    assertThat(r.responseHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(r.bytes()).isEqualTo(audio);
    assertThat(catalog.log)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.user()).isEqualTo("admin");
              assertThat(a.purpose()).isEqualTo("quality review");
            });
    assertThat(audit)
        .containsExactly(
            "user=admin action=recording.play recording=" + ID + " purpose=quality review");
  }

  @Test
  void downloadsAsAnAttachmentInTheFilesOwnFormat() throws IOException {
    String flac = "0c4a7e52-6c1f-4f0e-8a3b-2d9e8f7a6b5c";
    catalog.add(flac, Files.write(dir.resolve(flac + ".flac"), new byte[] {1, 2, 3}));

    ConsoleExchange r =
        get(
            request("audio.wav")
                .param("id", flac)
                .param("purpose", "complaint 4711")
                .param("download", "1"));

    assertThat(r.status).isEqualTo(200);
    assertThat(r.contentType).isEqualTo("audio/flac");
    assertThat(r.responseHeader("Content-Disposition"))
        .isEqualTo("attachment; filename=\"" + flac + ".flac\"");
    assertThat(r.bytes()).containsExactly(1, 2, 3);
    assertThat(catalog.opened(flac)).hasSize(1);
    assertThat(audit)
        .containsExactly(
            "user=admin action=recording.download recording=" + flac + " purpose=complaint 4711");
  }

  @Test
  void servesTheRangeAskedFor() throws IOException {
    ConsoleExchange r = get(audio("quality review").header("Range", "bytes=100-299"));

    assertThat(r.status).isEqualTo(206);
    assertThat(r.responseHeader("Content-Range")).isEqualTo("bytes 100-299/1000");
    assertThat(r.responseHeader("Accept-Ranges")).isEqualTo("bytes");
    assertThat(r.contentLength).isEqualTo(200);
    assertThat(r.bytes()).isEqualTo(Arrays.copyOfRange(audio, 100, 300));

    ConsoleExchange tail = get(audio("quality review").header("Range", "bytes=-50"));
    assertThat(tail.status).isEqualTo(206);
    assertThat(tail.responseHeader("Content-Range")).isEqualTo("bytes 950-999/1000");
    assertThat(tail.bytes()).isEqualTo(Arrays.copyOfRange(audio, 950, 1000));
  }

  @Test
  void aRangeOutsideTheFileIsUnsatisfiable() throws IOException {
    ConsoleExchange r = get(audio("quality review").header("Range", "bytes=1000-"));

    assertThat(r.status).isEqualTo(416);
    assertThat(r.responseHeader("Content-Range")).isEqualTo("bytes */1000");
    assertThat(r.body.size()).isZero();
  }

  @Test
  void withoutAPurposeNothingIsOpened() throws IOException {
    for (String purpose : new String[] {null, "", "   ", "\n\t", "x".repeat(201)}) {
      ConsoleExchange r = get(audio(purpose));
      assertThat(r.status).as(String.valueOf(purpose)).isEqualTo(400);
      assertThat(json(r).path("error").asText()).isEqualTo("validation");
      assertThat(json(r).path("message").asText()).startsWith("purpose:");
    }
    assertThat(catalog.log).isEmpty();
    assertThat(audit).isEmpty();
    assertThat(get(audio("x".repeat(200))).status).isEqualTo(200);
  }

  @Test
  void controlCharactersCannotStartALineOfTheirOwn() throws IOException {
    get(audio("review\nuser=mallory action=recording.delete"));

    assertThat(catalog.log.get(0).purpose())
        .isEqualTo("review user=mallory action=recording.delete");
    assertThat(audit).singleElement().asString().doesNotContain("\n");
  }

  @Test
  void anUnknownRecordingIsNotFound() throws IOException {
    ConsoleExchange r =
        get(
            request("audio.wav")
                .param("id", "00000000-0000-0000-0000-000000000000")
                .param("purpose", "quality review"));
    assertThat(r.status).isEqualTo(404);
    assertThat(json(r).path("error").asText()).isEqualTo("not-found");

    ConsoleExchange log =
        get(request("accesses.json").param("id", "00000000-0000-0000-0000-000000000000"));
    assertThat(log.status).isEqualTo(404);

    ConsoleExchange bad = get(request("audio.wav").param("id", "../etc").param("purpose", "x"));
    assertThat(bad.status).isEqualTo(400);
    assertThat(get(request("audio.mp3").param("id", ID)).status).isEqualTo(404);
  }

  @Test
  void onePlayOfManyRangeRequestsIsOneAccess() throws IOException {
    // What a browser's <audio> sends for one play: the start, the end (metadata), a seek.
    for (String range : new String[] {"bytes=0-", "bytes=-100", "bytes=500-", "bytes=900-999"}) {
      ConsoleExchange r = get(audio("quality review").header("Range", range));
      assertThat(r.status).as(range).isEqualTo(206);
    }
    assertThat(catalog.opened(ID)).hasSize(1);
    assertThat(audit).hasSize(1);
    assertThat(json(get(request("accesses.json").param("id", ID))))
        .hasSize(1)
        .first()
        .satisfies(a -> assertThat(a.path("purpose").asText()).isEqualTo("quality review"));

    // Playing it again from the start is another access.
    get(audio("quality review").header("Range", "bytes=0-"));
    assertThat(catalog.opened(ID)).hasSize(2);
    assertThat(audit).hasSize(2);
  }

  @Test
  void aRangeFurtherInWithoutAnOpeningIsRecorded() throws IOException {
    get(audio("quality review").header("Range", "bytes=500-"));
    assertThat(catalog.opened(ID)).hasSize(1);

    // Another purpose, another user or a download is its own opening.
    get(audio("complaint 4711").header("Range", "bytes=600-"));
    get(
        request("audio.wav")
            .by("auditor")
            .param("id", ID)
            .param("purpose", "complaint 4711")
            .header("Range", "bytes=600-"));
    get(audio("complaint 4711").param("download", "1").header("Range", "bytes=600-"));
    assertThat(catalog.opened(ID)).hasSize(4);

    // An opening covers the range requests of the next half hour, not later ones.
    clock.advance(RecordingsConsolePlugin.OPENING_LIFETIME.minus(Duration.ofSeconds(1)));
    get(audio("quality review").header("Range", "bytes=700-"));
    assertThat(catalog.opened(ID)).hasSize(4);
    clock.advance(Duration.ofSeconds(1));
    get(audio("quality review").header("Range", "bytes=700-"));
    assertThat(catalog.opened(ID)).hasSize(5);
  }

  @Test
  void aFileGoneSinceTheOpeningIsNotFound() throws IOException {
    get(audio("quality review").header("Range", "bytes=0-"));
    Files.delete(catalog.files.get(ID));

    ConsoleExchange r = get(audio("quality review").header("Range", "bytes=500-"));
    assertThat(r.status).isEqualTo(404);
    assertThat(r.body.size()).isPositive();
  }

  @Test
  void anotherSiteCannotOpenARecording() throws IOException {
    ConsoleExchange r = get(audio("quality review").header("Sec-Fetch-Site", "cross-site"));
    assertThat(r.status).isEqualTo(403);
    assertThat(catalog.log).isEmpty();

    assertThat(get(audio("quality review").header("Sec-Fetch-Site", "same-origin")).status)
        .isEqualTo(200);
  }

  @Test
  void theAccessLogListsWhoOpenedItAndWhy() throws IOException {
    get(audio("quality review"));
    clock.advance(Duration.ofMinutes(1));
    get(request("audio.wav").by("auditor").param("id", ID).param("purpose", "complaint 4711"));

    ConsoleExchange r = get(request("accesses.json").param("id", ID));
    assertThat(r.status).isEqualTo(200);
    JsonNode list = json(r);
    assertThat(list).hasSize(2);
    assertThat(list.get(1).path("user").asText()).isEqualTo("auditor");
    assertThat(list.get(1).path("purpose").asText()).isEqualTo("complaint 4711");
    assertThat(list.get(1).path("at").asText()).isEqualTo("2026-12-01T09:01:00Z");
  }

  @Test
  void thePageIsTheRecordingsPage() throws IOException {
    assertThat(page.getLabel()).isEqualTo("switchboard-recordings");
    assertThat(page.getTitle()).isEqualTo("Recordings");
    ConsoleExchange html = ConsoleExchange.get("/" + RecordingsConsolePlugin.LABEL);
    javax.servlet.http.HttpServletResponse res = html.response();
    page.writePage(res);
    res.getWriter().flush();
    assertThat(html.text()).contains("id=\"sbrec-purpose\"").doesNotContain("innerHTML");
  }
}
