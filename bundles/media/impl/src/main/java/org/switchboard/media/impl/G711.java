package org.switchboard.media.impl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.switchboard.media.api.Codec;

/**
 * G.711 µ-law and A-law by table look-up. The tables are built once from the JDK's own codecs
 * (javax.sound.sampled), the source of truth: 256 entries to decode, 65,536 to encode, per law. The
 * JDK's encoders are wrong at a few edges (µ-law turns samples above 32,635 into silence, A-law
 * turns -1..-7 into -248): an encoding whose decoded value is not one of the two G.711 levels
 * around the sample is replaced by the nearer of those levels. Immutable and thread-safe once
 * built.
 */
final class G711 {
  static final AudioFormat PCM = new AudioFormat(8000f, 16, 1, true, false);

  private final Map<Codec, short[]> decode = new EnumMap<>(Codec.class);
  private final Map<Codec, byte[]> encode = new EnumMap<>(Codec.class);

  private G711() {}

  /**
   * Builds the tables.
   *
   * @throws IllegalStateException when the JDK offers no G.711 converter (javax.sound providers not
   *     found)
   */
  static G711 build() {
    G711 tables = new G711();
    for (Codec codec : Codec.values()) {
      tables.decode.put(codec, decodeTable(codec));
      tables.encode.put(codec, repaired(encodeTable(codec), tables.decode.get(codec)));
    }
    return tables;
  }

  /** Decodes one G.711 byte to a 16-bit linear sample. */
  short decode(Codec codec, byte value) {
    return decode.get(codec)[value & 0xff];
  }

  /** Encodes one 16-bit linear sample. */
  byte encode(Codec codec, short sample) {
    return encode.get(codec)[sample & 0xffff];
  }

  /** Decodes {@code length} bytes of {@code payload} from {@code offset} into {@code pcm}. */
  void decode(Codec codec, byte[] payload, int offset, int length, short[] pcm) {
    short[] table = decode.get(codec);
    for (int i = 0; i < length; i++) {
      pcm[i] = table[payload[offset + i] & 0xff];
    }
  }

  /** Encodes {@code length} samples of {@code pcm} into a new payload. */
  byte[] encode(Codec codec, short[] pcm, int length) {
    byte[] table = encode.get(codec);
    byte[] payload = new byte[length];
    for (int i = 0; i < length; i++) {
      payload[i] = table[pcm[i] & 0xffff];
    }
    return payload;
  }

  /** Encodes {@code length} samples of {@code pcm} into {@code dest} from {@code at}. */
  void encode(Codec codec, short[] pcm, int length, byte[] dest, int at) {
    byte[] table = encode.get(codec);
    for (int i = 0; i < length; i++) {
      dest[at + i] = table[pcm[i] & 0xffff];
    }
  }

  /**
   * Re-encodes a payload from one law to the other (through linear PCM) into {@code dest} from
   * {@code at}.
   */
  void transcode(
      Codec from, Codec to, byte[] payload, int offset, int length, byte[] dest, int at) {
    short[] in = decode.get(from);
    byte[] out = encode.get(to);
    for (int i = 0; i < length; i++) {
      dest[at + i] = out[in[payload[offset + i] & 0xff] & 0xffff];
    }
  }

  static AudioFormat.Encoding encodingOf(Codec codec) {
    return codec == Codec.PCMU ? AudioFormat.Encoding.ULAW : AudioFormat.Encoding.ALAW;
  }

  static AudioFormat formatOf(Codec codec) {
    return new AudioFormat(encodingOf(codec), 8000f, 8, 1, 1, 8000f, false);
  }

  private static short[] decodeTable(Codec codec) {
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    byte[] pcm = convert(all, formatOf(codec), PCM, 512);
    short[] table = new short[256];
    for (int i = 0; i < 256; i++) {
      table[i] = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
    }
    return table;
  }

  private static byte[] encodeTable(Codec codec) {
    byte[] pcm = new byte[65536 * 2];
    for (int i = 0; i < 65536; i++) {
      pcm[2 * i] = (byte) i;
      pcm[2 * i + 1] = (byte) (i >> 8);
    }
    return convert(pcm, PCM, formatOf(codec), 65536);
  }

  /** The JDK's encode table with each entry outside the levels around its sample corrected. */
  static byte[] repaired(byte[] encode, short[] decode) {
    Integer[] codes = new Integer[256];
    for (int i = 0; i < 256; i++) {
      codes[i] = i;
    }
    java.util.Arrays.sort(codes, (a, b) -> Integer.compare(decode[a], decode[b]));
    int below = 0;
    for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
      while (below < 255 && decode[codes[below + 1]] <= sample) {
        below++;
      }
      int lower = codes[below];
      int upper = decode[lower] >= sample || below == 255 ? lower : codes[below + 1];
      int index = sample & 0xffff;
      short value = decode[encode[index] & 0xff];
      if (value != decode[lower] && value != decode[upper]) {
        boolean nearerUp = decode[upper] - sample < sample - decode[lower];
        encode[index] = (byte) (nearerUp ? upper : lower);
      }
    }
    return encode;
  }

  private static byte[] convert(byte[] data, AudioFormat from, AudioFormat to, int expected) {
    return SoundProviders.call(
        () -> {
          if (!AudioSystem.isConversionSupported(to, from)) {
            throw new IllegalStateException(
                "the JDK offers no " + from + " -> " + to + " converter (javax.sound providers)");
          }
          AudioInputStream source =
              new AudioInputStream(
                  new ByteArrayInputStream(data), from, data.length / from.getFrameSize());
          try (InputStream converted = AudioSystem.getAudioInputStream(to, source)) {
            byte[] out = converted.readAllBytes();
            if (out.length != expected) {
              throw new IllegalStateException(
                  "G.711 table for " + to + ": " + out.length + " bytes, expected " + expected);
            }
            return out;
          } catch (IOException e) {
            throw new IllegalStateException("cannot build the G.711 tables: " + e.getMessage(), e);
          }
        });
  }
}
