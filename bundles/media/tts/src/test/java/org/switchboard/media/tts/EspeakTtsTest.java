package org.switchboard.media.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.media.api.MediaException;

/** Runs Debian's espeak-ng (installed by .ci/run; the tests are skipped where it is missing). */
class EspeakTtsTest {
  @TempDir Path cache;
  private EspeakTts tts;

  @BeforeEach
  void espeak() {
    tts =
        new EspeakTts(
            "espeak-ng", Map.of("en", "en-us", "zh", "cmn"), 150, 200, 20, new TtsCache(cache, 3));
    assumeTrue(tts.check().status().name().equals("UP"), "espeak-ng is not installed");
  }

  @Test
  void englishAndMandarinComeOutAsTelephoneAudio() throws Exception {
    for (String[] sentence :
        new String[][] {{"You are number 3 in line.", "en"}, {"您好，欢迎致电。", "zh-CN"}}) {
      Path wav = tts.speak(sentence[0], sentence[1]);
      try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
        AudioFormat f = in.getFormat();
        assertThat(f.getSampleRate()).isEqualTo(8000f);
        assertThat(f.getChannels()).isEqualTo(1);
        assertThat(f.getSampleSizeInBits()).isEqualTo(16);
        double seconds = in.getFrameLength() / f.getFrameRate();
        assertThat(seconds).as(sentence[0]).isBetween(0.5, 10.0);
        assertThat(loudness(in.readAllBytes())).as("not silence").isGreaterThan(500);
      }
    }
  }

  @Test
  void theSameSentenceIsRenderedOnce() throws Exception {
    Path first = tts.speak("Thank you for calling.", "en");
    long modified = Files.getLastModifiedTime(first).toMillis();
    Path again = tts.speak("  Thank you for calling.  ", "en");
    assertThat(again).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(again).toMillis()).isEqualTo(modified);
    assertThat(tts.speak("Thank you for waiting.", "en")).isNotEqualTo(first);
  }

  @Test
  void theCacheKeepsItsLimit() throws Exception {
    for (int i = 1; i <= 5; i++) {
      tts.speak("Sentence number " + i, "en");
    }
    try (var files = Files.list(cache)) {
      assertThat(files.count()).isEqualTo(3);
    }
  }

  @Test
  void textThatLooksLikeAnOptionIsSpokenNotObeyed() throws Exception {
    Path wav = tts.speak("--help -w /tmp/elsewhere.wav", "en");
    assertThat(Files.size(wav)).isGreaterThan(1000);
    assertThat(new File("/tmp/elsewhere.wav")).doesNotExist();
  }

  @Test
  void refusesWhatItCannotSay() {
    assertThat(tts.speaks("fr")).isFalse();
    assertThat(tts.speaks("zh-TW")).isTrue();
    assertThatThrownBy(() -> tts.speak("Bonjour", "fr"))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("no voice for language 'fr'");
    assertThatThrownBy(() -> tts.speak(" \n ", "en"))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> tts.speak("x".repeat(201), "en"))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("longer than 200");
  }

  @Test
  void aMissingProgramIsReportedDown() {
    EspeakTts missing =
        new EspeakTts(
            "/nonexistent/espeak-ng", Map.of("en", "en"), 150, 200, 5, new TtsCache(cache, 3));
    assertThat(missing.check().status().name()).isEqualTo("DOWN");
    assertThatThrownBy(() -> missing.speak("Hello", "en")).isInstanceOf(MediaException.class);
  }

  private static double loudness(byte[] pcm16le) {
    double sum = 0;
    int n = pcm16le.length / 2;
    for (int i = 0; i < n; i++) {
      short s = (short) ((pcm16le[2 * i] & 0xff) | (pcm16le[2 * i + 1] << 8));
      sum += (double) s * s;
    }
    return Math.sqrt(sum / Math.max(1, n));
  }
}
