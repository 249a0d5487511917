package org.switchboard.recording.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.media.api.RecordedFile;
import org.switchboard.media.api.Recording;
import org.switchboard.platform.db.MigrationPlan;
import org.switchboard.platform.db.internal.FlywaySchemaMigrations;
import org.switchboard.recording.api.PlannedRecording;
import org.switchboard.recording.api.RecordingInfo;
import org.switchboard.recording.api.RecordingQuery;

class RecordingCatalogTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:15:00Z");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);
  private RecordingCatalogImpl catalog;

  @BeforeEach
  void catalog() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:rec" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL");
    new FlywaySchemaMigrations()
        .migrate(ds, MigrationPlan.forOwner("recording", RecordingCatalogImpl.class));
    catalog = new RecordingCatalogImpl(ds, dir, config(new String[] {"support"}, 30), clock);
  }

  @AfterEach
  void stop() {
    catalog.stop();
  }

  @Test
  void policyByQueueAgentAndTheFlowsAttribute() {
    RecordingCatalogImpl everyQueue = catalog;
    assertThat(everyQueue.shouldRecord("support", "agent1", Map.of())).isTrue();
    assertThat(everyQueue.shouldRecord("sales", "agent1", Map.of())).isFalse();
    assertThat(everyQueue.shouldRecord("sales", "agent9", Map.of())).isTrue(); // recordAgents
    assertThat(everyQueue.shouldRecord("support", "agent1", Map.of("recording", "off"))).isFalse();
    assertThat(everyQueue.shouldRecord("sales", "agent1", Map.of("recording", "ON"))).isTrue();
  }

  @Test
  void aChangedPolicyAppliesWithoutARestart() {
    assertThat(catalog.shouldRecord("sales", "agent1", Map.of())).isFalse();
    catalog.modified(config(new String[] {"support, sales"}, 30));
    assertThat(catalog.shouldRecord("sales", "agent1", Map.of())).isTrue();
    assertThatThrownBy(() -> catalog.modified(config(new String[] {"*"}, 0)))
        .hasMessageContaining("retentionDays");
    assertThat(catalog.shouldRecord("billing", "agent1", Map.of())).isFalse(); // kept the last good
  }

  @Test
  void aStoredRecordingHasItsMetadataAndAnAuditedOpening() throws Exception {
    PlannedRecording p = catalog.plan("i-1", "agent1", "support");
    assertThat(p.file()).startsWithRaw(dir.resolve("recordings/2026/12/01"));
    assertThat(Files.isDirectory(p.file().getParent())).isTrue();
    Files.write(p.file(), new byte[] {1, 2, 3, 4});
    RecordingInfo info = catalog.stored(p, file(p.file(), 4));
    assertThat(info.deleteAfter()).isEqualTo(T0.plus(Duration.ofDays(30)));

    assertThat(catalog.find(p.id())).contains(info);
    assertThat(catalog.search(new RecordingQuery("i-1", null, null, null, null, 10)))
        .containsExactly(info);
    assertThat(catalog.search(new RecordingQuery(null, "agent2", null, null, null, 10))).isEmpty();
    assertThat(
            catalog.search(
                new RecordingQuery(
                    null, null, "support", T0.minusSeconds(1), T0.plusSeconds(1), 10)))
        .hasSize(1);

    assertThat(catalog.accesses(p.id())).isEmpty();
    Path opened = catalog.open(p.id(), "supervisor", "quality review");
    assertThat(Files.readAllBytes(opened)).containsExactly(1, 2, 3, 4);
    assertThat(catalog.accesses(p.id()))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.user()).isEqualTo("supervisor");
              assertThat(a.purpose()).isEqualTo("quality review");
              assertThat(a.action()).isEqualTo("open");
            });
  }

  @Test
  void openingNeedsAPurposeAndAnExistingRecording() throws Exception {
    PlannedRecording p = catalog.plan("i-2", "agent1", "support");
    Files.write(p.file(), new byte[] {1});
    catalog.stored(p, file(p.file(), 1));
    assertThatThrownBy(() -> catalog.open(p.id(), "supervisor", " "))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> catalog.open("no-such-id", "supervisor", "review"))
        .isInstanceOf(NotFoundException.class);
    Files.delete(p.file());
    assertThatThrownBy(() -> catalog.open(p.id(), "supervisor", "review"))
        .isInstanceOf(NotFoundException.class);
    assertThat(catalog.accesses(p.id())).isEmpty();
  }

  @Test
  void liveRecordingsArePausedByInteraction() {
    PlannedRecording p = catalog.plan("i-3", "agent1", "support");
    FakeRecording live = new FakeRecording();
    assertThatThrownBy(() -> catalog.pause("i-3", true)).isInstanceOf(NotFoundException.class);
    catalog.started(p, live);
    assertThat(catalog.paused("i-3")).contains(false);
    assertThat(catalog.pause("i-3", true)).isEqualTo(1);
    assertThat(live.paused()).isTrue();
    assertThat(catalog.paused("i-3")).contains(true);
    catalog.pause("i-3", false);
    assertThat(live.paused()).isFalse();
    catalog.failed(p, "test");
    assertThat(catalog.paused("i-3")).isEmpty();
  }

  @Test
  void retentionDeletesTheFileButKeepsTheMetadataAndLog() throws Exception {
    PlannedRecording old = catalog.plan("i-4", "agent1", "support");
    Files.write(old.file(), new byte[] {9});
    catalog.stored(old, file(old.file(), 1));
    clock.now = T0.plus(Duration.ofDays(10));
    PlannedRecording young = catalog.plan("i-5", "agent1", "support");
    Files.write(young.file(), new byte[] {8});
    catalog.stored(young, file(young.file(), 1));

    clock.now = T0.plus(Duration.ofDays(31));
    assertThat(catalog.sweep()).isEqualTo(1);
    assertThat(old.file()).doesNotExist();
    assertThat(young.file()).exists();
    assertThat(catalog.find(old.id()).orElseThrow().state()).isEqualTo("DELETED");
    assertThat(catalog.accesses(old.id())).extracting(a -> a.action()).containsExactly("delete");
    assertThatThrownBy(() -> catalog.open(old.id(), "admin", "review"))
        .isInstanceOf(NotFoundException.class);
    assertThat(catalog.sweep()).isZero();
  }

  @Test
  void badSettingsAreRefused() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:bad");
    assertThatThrownBy(() -> new RecordingCatalogImpl(ds, dir, config(new String[0], 0), clock))
        .hasMessageContaining("retentionDays");
  }

  @Test
  void flacAndOggRecordingsReplaceTheWavWithTheirOwnSizeAndHash() throws Exception {
    for (String format : new String[] {"flac", "ogg"}) {
      catalog.modified(config(new String[] {"support"}, 30, format));
      PlannedRecording p = catalog.plan("i-" + format, "agent1", "support");
      writeStereoWav(p.file());
      long wavBytes = Files.size(p.file());
      RecordingInfo info = catalog.stored(p, file(p.file(), wavBytes));

      Path kept = catalog.open(p.id(), "supervisor", "format check");
      assertThat(kept.getFileName().toString()).isEqualTo(p.id() + "." + format);
      assertThat(Files.exists(p.file())).as("the WAV is gone").isFalse();
      assertThat(info.bytes()).isEqualTo(Files.size(kept)).isLessThan(wavBytes);
      assertThat(info.sha256()).isEqualTo(RecordedFile.sha256(kept));
      assertThat(Files.list(kept.getParent()).map(f -> f.getFileName().toString()))
          .noneMatch(n -> n.contains("partial"));
    }
  }

  @Test
  void aRecordingSoxCannotReadStaysWav() throws Exception {
    catalog.modified(config(new String[] {"support"}, 30, "flac"));
    PlannedRecording p = catalog.plan("i-broken", "agent1", "support");
    Files.write(p.file(), new byte[] {1, 2, 3, 4}); // not audio
    RecordingInfo info = catalog.stored(p, file(p.file(), 4));
    assertThat(catalog.open(p.id(), "supervisor", "check")).isEqualTo(p.file());
    assertThat(info.bytes()).isEqualTo(4);
    assertThat(Files.list(p.file().getParent())).hasSize(1);
  }

  @Test
  void anUnknownFormatIsRefused() {
    assertThatThrownBy(() -> catalog.modified(config(new String[0], 30, "mp3")))
        .hasMessageContaining("wav, flac or ogg");
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** Three seconds of a 440 Hz / 880 Hz stereo tone, 16-bit 8 kHz, as the media engine writes. */
  private static void writeStereoWav(Path file) throws Exception {
    javax.sound.sampled.AudioFormat stereo =
        new javax.sound.sampled.AudioFormat(8000f, 16, 2, true, false);
    byte[] pcm = new byte[8000 * 3 * 4];
    for (int i = 0; i < 8000 * 3; i++) {
      short l = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
      short r = (short) (8000 * Math.sin(2 * Math.PI * 880 * i / 8000.0));
      pcm[4 * i] = (byte) l;
      pcm[4 * i + 1] = (byte) (l >> 8);
      pcm[4 * i + 2] = (byte) r;
      pcm[4 * i + 3] = (byte) (r >> 8);
    }
    try (javax.sound.sampled.AudioInputStream in =
        new javax.sound.sampled.AudioInputStream(
            new java.io.ByteArrayInputStream(pcm), stereo, 8000 * 3)) {
      javax.sound.sampled.AudioSystem.write(
          in, javax.sound.sampled.AudioFileFormat.Type.WAVE, file.toFile());
    }
  }

  private RecordedFile file(Path p, long bytes) {
    return new RecordedFile(
        p, clock.instant(), Duration.ofSeconds(42), Duration.ofSeconds(2), bytes, "ab".repeat(32));
  }

  private static RecordingConfig config(String[] queues, int days) {
    return config(queues, days, "wav");
  }

  private static RecordingConfig config(String[] queues, int days, String format) {
    return new RecordingConfig() {
      @Override
      public String format() {
        return format;
      }

      @Override
      public Class<? extends Annotation> annotationType() {
        return RecordingConfig.class;
      }

      @Override
      public String[] recordQueues() {
        return queues;
      }

      @Override
      public String[] recordAgents() {
        return new String[] {"agent9"};
      }

      @Override
      public String directory() {
        return "recordings";
      }

      @Override
      public int retentionDays() {
        return days;
      }

      @Override
      public int sweepMinutes() {
        return 60;
      }
    };
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static final class FakeRecording implements Recording {
    private final AtomicBoolean paused = new AtomicBoolean();

    @Override
    public void pause() {
      paused.set(true);
    }

    @Override
    public void resume() {
      paused.set(false);
    }

    @Override
    public boolean paused() {
      return paused.get();
    }

    @Override
    public RecordedFile stop() {
      return null;
    }
  }
}
