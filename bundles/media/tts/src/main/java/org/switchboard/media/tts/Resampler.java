package org.switchboard.media.tts;

import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.switchboard.media.api.MediaException;

/** Converts a WAV file to the telephone format (8 kHz, 16-bit, mono) with javax.sound. */
final class Resampler {
  static final AudioFormat TELEPHONE = new AudioFormat(8000f, 16, 1, true, false);

  private Resampler() {}

  static void toTelephone(Path from, Path to) throws MediaException, IOException {
    try (AudioInputStream in = AudioSystem.getAudioInputStream(from.toFile())) {
      AudioFormat source = in.getFormat();
      if (!AudioSystem.isConversionSupported(TELEPHONE, source)) {
        throw new MediaException("cannot convert " + source + " to " + TELEPHONE);
      }
      try (AudioInputStream out = AudioSystem.getAudioInputStream(TELEPHONE, in)) {
        AudioSystem.write(out, AudioFileFormat.Type.WAVE, to.toFile());
      }
    } catch (UnsupportedAudioFileException e) {
      throw new MediaException(from + " is not a WAV file javax.sound reads", e);
    }
  }
}
