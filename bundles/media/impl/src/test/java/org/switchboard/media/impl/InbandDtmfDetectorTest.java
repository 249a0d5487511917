package org.switchboard.media.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class InbandDtmfDetectorTest {
  private static final String KEYS = "123A456B789C*0#D";

  @Test
  void findsEveryKeyOncePerPress() {
    short[] audio = new short[0];
    for (char key : KEYS.toCharArray()) {
      audio = Tones.concat(audio, press(key, 60), new short[8 * 60]);
    }
    assertThat(detect(audio)).isEqualTo(KEYS);
  }

  @Test
  void findsTheSameKeyPressedTwiceAndALongPressOnce() {
    short[] audio =
        Tones.concat(press('5', 500), new short[8 * 50], press('5', 45), new short[8 * 100]);
    assertThat(detect(audio)).isEqualTo("55");
  }

  @Test
  void ignoresTonesShorterThanAKeyPress() {
    assertThat(detect(Tones.concat(press('1', 20), new short[800]))).isEmpty();
  }

  @Test
  void findsTonesAtTheAllowedTwist() {
    short[] lowRowLoud = add(Tones.sine(770, 80, 8000), Tones.sine(1336, 80, 8000 / 2.2));
    assertThat(detect(lowRowLoud)).isEqualTo("5");
  }

  @Test
  void hearsNoDigitInMusicOnHold() throws Exception {
    short[] music =
        new PromptLibrary(java.nio.file.Path.of("none")).prompt("music-on-hold").samples();
    assertThat(detect(music)).isEmpty();
  }

  @Test
  void hearsNoDigitInASingleToneOrNoise() {
    assertThat(detect(Tones.sine(440, 3000, 12000))).isEmpty();
    assertThat(detect(Tones.sine(697, 1000, 12000))).isEmpty();
    Random random = new Random(3);
    short[] noise = new short[8000 * 3];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (short) (random.nextGaussian() * 3000);
    }
    assertThat(detect(noise)).isEmpty();
  }

  @Test
  void hearsNoDigitInSpeechLikeAudio() {
    // Vowel-like: a 120 Hz voice with many harmonics, its pitch gliding, syllables 200 ms long.
    short[] speech = new short[8000 * 3];
    double phase = 0;
    for (int i = 0; i < speech.length; i++) {
      double pitch = 110 + 30 * Math.sin(2 * Math.PI * i / 8000.0 * 1.3);
      phase += 2 * Math.PI * pitch / 8000.0;
      double v = 0;
      for (int h = 1; h <= 25; h++) {
        v += Math.sin(h * phase) / h;
      }
      double envelope = Math.abs(Math.sin(Math.PI * i / 1600.0));
      speech[i] = (short) (4000 * v * envelope);
    }
    assertThat(detect(speech)).isEmpty();
  }

  static short[] press(char key, int millis) {
    int index = KEYS.indexOf(key);
    return Tones.dual(
        InbandDtmfDetector.ROWS[index / 4], InbandDtmfDetector.COLUMNS[index % 4], millis, 6000);
  }

  private static short[] add(short[] a, short[] b) {
    short[] sum = new short[a.length];
    for (int i = 0; i < a.length; i++) {
      sum[i] = (short) (a[i] + b[i]);
    }
    return sum;
  }

  /** Feeds the audio in 20 ms frames, as packets arrive. */
  private static String detect(short[] audio) {
    InbandDtmfDetector detector = new InbandDtmfDetector();
    StringBuilder digits = new StringBuilder();
    short[] frame = new short[160];
    for (int at = 0; at + 160 <= audio.length; at += 160) {
      System.arraycopy(audio, at, frame, 0, 160);
      char d = detector.feed(frame, 160);
      if (d != 0) {
        digits.append(d);
      }
    }
    return digits.toString();
  }
}
