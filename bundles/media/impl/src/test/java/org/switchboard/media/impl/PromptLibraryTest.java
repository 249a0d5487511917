package org.switchboard.media.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.media.api.MediaException;

class PromptLibraryTest {
  @TempDir Path dir;

  @Test
  void shipsMusicOnHoldAndSilence() throws MediaException {
    PromptLibrary library = new PromptLibrary(dir);
    assertThat(library.prompt("music-on-hold").duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(library.prompt("silence").duration()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void readsAnAdminsFileAndRereadsItWhenItChanges() throws Exception {
    PromptLibrary library = new PromptLibrary(dir);
    write(
        dir.resolve("welcome.wav"),
        Tones.sine(1000, 500, 8000),
        new AudioFormat(8000, 16, 1, true, false));
    assertThat(library.prompt("welcome").duration()).isEqualTo(Duration.ofMillis(500));
    assertThat(library.prompt("welcome")).isSameAs(library.prompt("welcome"));
    write(
        dir.resolve("welcome.wav"),
        Tones.sine(1000, 800, 8000),
        new AudioFormat(8000, 16, 1, true, false));
    assertThat(library.prompt("welcome").duration()).isEqualTo(Duration.ofMillis(800));
  }

  @Test
  void readsAFileByPath_renderedSpeechForExample() throws Exception {
    PromptLibrary library = new PromptLibrary(dir);
    Path elsewhere = Files.createTempDirectory(dir, "tts").resolve("0a1b.wav");
    write(elsewhere, Tones.sine(700, 400, 8000), new AudioFormat(8000, 16, 1, true, false));
    PromptAudio audio = library.file(elsewhere);
    assertThat(audio.duration()).isEqualTo(Duration.ofMillis(400));
    assertThat(audio.name()).isEqualTo("0a1b");
    assertThat(library.file(elsewhere)).isSameAs(audio);
    assertThatThrownBy(() -> library.file(dir.resolve("missing.wav")))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("no audio file");
  }

  @Test
  void readsMuLawFiles() throws Exception {
    short[] tone = Tones.sine(1000, 300, 8000);
    Path file = dir.resolve("ulaw.wav");
    write(file, tone, new AudioFormat(8000, 16, 1, true, false));
    try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile());
        AudioInputStream ulaw =
            AudioSystem.getAudioInputStream(
                G711.formatOf(org.switchboard.media.api.Codec.PCMU), in)) {
      AudioSystem.write(ulaw, AudioFileFormat.Type.WAVE, dir.resolve("mu.wav").toFile());
    }
    short[] samples = new PromptLibrary(dir).prompt("mu").samples();
    assertThat(samples).hasSize(2400);
    assertThat(Tones.strongest(samples, 500, 1000, 2000)).isEqualTo(1000);
  }

  @Test
  void convertsOtherRatesWithSox() throws Exception {
    assumeTrue(Sox.available(), "sox is not installed");
    short[] tone = new short[16000];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * i / 16000.0));
    }
    write(dir.resolve("wide.wav"), tone, new AudioFormat(16000, 16, 1, true, false));
    short[] samples = new PromptLibrary(dir).prompt("wide").samples();
    assertThat(samples.length).isBetween(7900, 8100);
    assertThat(Tones.strongest(samples, 500, 1000, 2000)).isEqualTo(1000);
  }

  @Test
  void refusesBadNamesMissingPromptsAndNonAudio() throws IOException {
    PromptLibrary library = new PromptLibrary(dir);
    assertThatThrownBy(() -> library.prompt("../etc/passwd")).isInstanceOf(MediaException.class);
    assertThatThrownBy(() -> library.prompt("a/b")).isInstanceOf(MediaException.class);
    assertThatThrownBy(() -> library.prompt("..")).isInstanceOf(MediaException.class);
    assertThatThrownBy(() -> library.prompt("nothing-here"))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("nothing-here.wav");
    Files.writeString(dir.resolve("text.wav"), "not audio");
    assertThatThrownBy(() -> library.prompt("text"))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("text.wav");
  }

  static void write(Path file, short[] samples, AudioFormat format) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (short s : samples) {
      bytes.putShort(s);
    }
    Path tmp = Files.createTempFile(file.getParent(), "w", ".tmp");
    try (AudioInputStream in =
        new AudioInputStream(new ByteArrayInputStream(bytes.array()), format, samples.length)) {
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, tmp.toFile());
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
