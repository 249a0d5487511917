package org.switchboard.media.impl;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.switchboard.media.api.MediaException;

/**
 * Reads audio files (WAV) into 8 kHz 16-bit mono samples with javax.sound.sampled: 8 kHz mono PCM,
 * µ-law or A-law is converted by the JDK; other rates and channel counts go through sox when it is
 * installed. Stateless.
 */
final class WavReader {
  /** Ten minutes: longer files are not prompts. */
  static final int MAX_SAMPLES = 8000 * 600;

  private WavReader() {}

  /** The samples of a file, converted with sox first when the JDK cannot. */
  static short[] read(Path file) throws MediaException {
    AudioFormat format = formatOf(file);
    if (convertible(format)) {
      return readConvertible(file);
    }
    if (!Sox.available()) {
      throw new MediaException(
          file
              + " is "
              + format
              + "; prompts must be 8 kHz mono (PCM, µ-law or A-law), or install"
              + " sox to convert other formats");
    }
    Path converted = Sox.toPhoneAudio(file);
    try {
      return readConvertible(converted);
    } finally {
      deleteQuietly(converted);
    }
  }

  /** The samples of a WAV stream (a prompt shipped in the bundle), which must be 8 kHz mono. */
  static short[] read(String what, InputStream in) throws MediaException {
    try (AudioInputStream audio =
        SoundProviders.call(() -> open(what, new BufferedInputStream(in)))) {
      if (!convertible(audio.getFormat())) {
        throw new MediaException(what + " is " + audio.getFormat() + ", not 8 kHz mono");
      }
      return samples(what, audio);
    } catch (IOException | IllegalArgumentException e) {
      throw new MediaException("cannot read " + what + ": " + e.getMessage(), e);
    } catch (UncheckedMedia e) {
      throw e.cause;
    }
  }

  static boolean convertible(AudioFormat f) {
    AudioFormat.Encoding e = f.getEncoding();
    boolean known =
        e.equals(AudioFormat.Encoding.PCM_SIGNED)
            || e.equals(AudioFormat.Encoding.PCM_UNSIGNED)
            || e.equals(AudioFormat.Encoding.ULAW)
            || e.equals(AudioFormat.Encoding.ALAW);
    return known && f.getChannels() == 1 && Math.abs(f.getSampleRate() - 8000f) < 1f;
  }

  private static AudioFormat formatOf(Path file) throws MediaException {
    try {
      return SoundProviders.call(() -> fileFormat(file));
    } catch (UncheckedMedia e) {
      throw e.cause;
    }
  }

  private static AudioFormat fileFormat(Path file) {
    try {
      return AudioSystem.getAudioFileFormat(file.toFile()).getFormat();
    } catch (UnsupportedAudioFileException e) {
      throw new UncheckedMedia(
          new MediaException(file + " is not an audio file Switchboard can read (use WAV)", e));
    } catch (IOException e) {
      throw new UncheckedMedia(new MediaException("cannot read " + file + ": " + e, e));
    }
  }

  private static short[] readConvertible(Path file) throws MediaException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(file.toString(), in);
    } catch (IOException e) {
      throw new MediaException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static AudioInputStream open(String what, InputStream in) {
    try {
      return AudioSystem.getAudioInputStream(in);
    } catch (UnsupportedAudioFileException e) {
      throw new UncheckedMedia(
          new MediaException(what + " is not an audio file Switchboard can read (use WAV)", e));
    } catch (IOException e) {
      throw new UncheckedMedia(new MediaException("cannot read " + what + ": " + e, e));
    }
  }

  private static short[] samples(String what, AudioInputStream audio) throws IOException {
    AudioInputStream pcm =
        audio.getFormat().matches(G711.PCM)
            ? audio
            : SoundProviders.call(() -> AudioSystem.getAudioInputStream(G711.PCM, audio));
    byte[] bytes = pcm.readNBytes(2 * MAX_SAMPLES + 2);
    if (bytes.length > 2 * MAX_SAMPLES) {
      throw new IOException(what + " is longer than 10 minutes");
    }
    short[] samples = new short[bytes.length / 2];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
    }
    return samples;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      org.slf4j.LoggerFactory.getLogger(WavReader.class)
          .warn("cannot delete {}: {}", file, e.toString());
    }
  }

  /** Carries a MediaException out of a {@link SoundProviders#call} lambda. */
  private static final class UncheckedMedia extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient MediaException cause;

    UncheckedMedia(MediaException cause) {
      super(cause.getMessage(), cause, false, false);
      this.cause = cause;
    }
  }
}
