package org.switchboard.e2e;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * What a recording sounds like, for assertions: the file is read with javax.sound, each channel is
 * cut into windows, and each window is labelled with whichever of the test's tones (distinct sine
 * frequencies) carries most of its energy (Goertzel), or {@code 0} when none does (silence, noise,
 * a mix).
 */
final class Tones {
  private static final int WINDOW_MS = 100;

  /** The label of a window that is not silent but carries none of the tones (e.g. speech). */
  static final int OTHER = -1;

  private Tones() {}

  /** One channel's samples at the file's rate. */
  record Channel(short[] samples, float rate) {}

  /** Every channel of a 16-bit PCM WAV file (mono: one; stereo: left, right). */
  static List<Channel> read(Path wav) throws IOException {
    try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
      AudioFormat f = in.getFormat();
      AudioFormat pcm =
          new AudioFormat(
              AudioFormat.Encoding.PCM_SIGNED,
              f.getSampleRate(),
              16,
              f.getChannels(),
              2 * f.getChannels(),
              f.getSampleRate(),
              false);
      byte[] bytes = AudioSystem.getAudioInputStream(pcm, in).readAllBytes();
      ShortBuffer all = new ShortBuffer(bytes);
      int channels = f.getChannels();
      int frames = bytes.length / (2 * channels);
      List<Channel> out = new ArrayList<>();
      for (int c = 0; c < channels; c++) {
        short[] s = new short[frames];
        for (int i = 0; i < frames; i++) {
          s[i] = all.get(i * channels + c);
        }
        out.add(new Channel(s, f.getSampleRate()));
      }
      return out;
    } catch (UnsupportedAudioFileException e) {
      throw new IOException(wav + " is not audio javax.sound reads: " + e.getMessage(), e);
    }
  }

  private record ShortBuffer(byte[] bytes) {
    short get(int index) {
      return ByteBuffer.wrap(bytes, index * 2, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
    }
  }

  /**
   * The tone of each 100 ms window: the candidate frequency holding at least 60 % of the window's
   * energy; {@link #OTHER} for sound that is none of them; 0 for silence.
   */
  static int[] labels(Channel ch, int... candidates) {
    int window = (int) (ch.rate() * WINDOW_MS / 1000);
    int[] labels = new int[ch.samples().length / window];
    for (int w = 0; w < labels.length; w++) {
      labels[w] = label(ch.samples(), w * window, window, ch.rate(), candidates);
    }
    return labels;
  }

  private static int label(short[] s, int from, int n, float rate, int[] candidates) {
    double energy = 0;
    for (int i = from; i < from + n; i++) {
      energy += (double) s[i] * s[i];
    }
    if (energy / n < 100 * 100) {
      return 0; // quieter than about -50 dBFS: silence
    }
    for (int f : candidates) {
      // Goertzel power of a pure sine of amplitude A over n samples is (A n / 2)^2, its energy
      // A^2 n / 2: the ratio below is the share of the window's energy at f.
      double share = 2 * goertzel(s, from, n, rate, f) / (n * energy);
      if (share > 0.6) {
        return f;
      }
    }
    return OTHER;
  }

  /**
   * What is heard together in each 100 ms window: bit {@code i} set when {@code candidates[i]}
   * holds at least 20 % of the window's energy (two voices mixed hold about half each); {@link
   * #OTHER} for sound that is none of them; 0 for silence.
   */
  static int[] mixLabels(Channel ch, int... candidates) {
    int window = (int) (ch.rate() * WINDOW_MS / 1000);
    int[] labels = new int[ch.samples().length / window];
    short[] s = ch.samples();
    for (int w = 0; w < labels.length; w++) {
      int from = w * window;
      double energy = 0;
      for (int i = from; i < from + window; i++) {
        energy += (double) s[i] * s[i];
      }
      if (energy / window < 100 * 100) {
        continue; // silence
      }
      int mask = 0;
      for (int c = 0; c < candidates.length; c++) {
        double share = 2 * goertzel(s, from, window, ch.rate(), candidates[c]) / (window * energy);
        mask |= share > 0.2 ? 1 << c : 0;
      }
      labels[w] = mask == 0 ? OTHER : mask;
    }
    return labels;
  }

  /** Goertzel power of frequency {@code f} in {@code s[from, from + n)}. */
  static double goertzel(short[] s, int from, int n, float rate, double f) {
    double k = 2 * Math.cos(2 * Math.PI * f / rate);
    double q1 = 0;
    double q2 = 0;
    for (int i = from; i < from + n; i++) {
      double q0 = k * q1 - q2 + s[i];
      q2 = q1;
      q1 = q0;
    }
    return q1 * q1 + q2 * q2 - k * q1 * q2;
  }

  /** The labels with runs collapsed and silence dropped, e.g. {@code [660, 520, 440]}. */
  static List<Integer> sequence(int[] labels, int minRun) {
    List<Integer> seq = new ArrayList<>();
    int run = 0;
    for (int i = 0; i < labels.length; i++) {
      run = i > 0 && labels[i] == labels[i - 1] ? run + 1 : 1;
      if (labels[i] != 0
          && run == minRun
          && (seq.isEmpty() || seq.get(seq.size() - 1) != labels[i])) {
        seq.add(labels[i]);
      }
    }
    return seq;
  }

  private static final AudioFormat PCM16 = new AudioFormat(8000f, 16, 1, true, false);

  /** Writes an 8 kHz 16-bit mono WAV (what baresip and prompts take) of the given samples. */
  static void writeWav(Path wav, short[] samples) throws IOException {
    java.nio.file.Files.createDirectories(wav.toAbsolutePath().getParent());
    ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (short v : samples) {
      b.putShort(v);
    }
    try (AudioInputStream in =
        new AudioInputStream(new java.io.ByteArrayInputStream(b.array()), PCM16, samples.length)) {
      AudioSystem.write(in, javax.sound.sampled.AudioFileFormat.Type.WAVE, wav.toFile());
    }
  }

  /** A sine of {@code hz} for {@code seconds} at 8 kHz, amplitude about -8 dBFS. */
  /**
   * A microphone for baresip: {@code seconds} of silence, the key "1" as DTMF tones (697 + 1209 Hz)
   * for 250 ms, then a minute of silence.
   */
  static void silenceThenKeyOne(Path wav, double seconds) throws IOException {
    int rate = 8000;
    short[] s = new short[(int) (rate * (seconds + 60.25))];
    int from = (int) (rate * seconds);
    for (int i = 0; i < rate / 4; i++) {
      double t = (double) i / rate;
      s[from + i] =
          (short)
              (8000 * Math.sin(2 * Math.PI * 697 * t) + 8000 * Math.sin(2 * Math.PI * 1209 * t));
    }
    writeWav(wav, s);
  }

  /**
   * A caller leaving a voicemail, for baresip's microphone: {@code wait} seconds of silence (the
   * greeting), a sine of {@code hz} for {@code talk} seconds (the message), then, with {@code
   * hash}, the key "#" (941 + 1477 Hz) for 250 ms, then {@code tail} seconds of silence (when the
   * file ends, baresip hangs up).
   */
  static void voicemail(Path wav, double wait, int hz, double talk, boolean hash, double tail)
      throws IOException {
    int rate = 8000;
    double keyTime = hash ? 0.25 : 0;
    short[] s = new short[(int) (rate * (wait + talk + keyTime + tail))];
    short[] voice = sine(talk, hz);
    System.arraycopy(voice, 0, s, (int) (rate * wait), voice.length);
    int key = (int) (rate * (wait + talk));
    for (int i = 0; hash && i < rate / 4; i++) {
      double t = (double) i / rate;
      s[key + i] =
          (short)
              (8000 * Math.sin(2 * Math.PI * 941 * t) + 8000 * Math.sin(2 * Math.PI * 1477 * t));
    }
    writeWav(wav, s);
  }

  static short[] sine(double seconds, double hz) {
    short[] s = new short[(int) (8000 * seconds)];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) (12000 * Math.sin(2 * Math.PI * hz * i / 8000.0));
    }
    return s;
  }

  /** The longest run of consecutive windows labelled {@code label}. */
  static int longestRun(int[] labels, int label) {
    int best = 0;
    int run = 0;
    for (int l : labels) {
      run = l == label ? run + 1 : 0;
      best = Math.max(best, run);
    }
    return best;
  }

  /** How many windows carry {@code tone}. */
  static long count(int[] labels, int tone) {
    return java.util.Arrays.stream(labels).filter(l -> l == tone).count();
  }
}
