package org.switchboard.recording.internal;

import java.util.Locale;

/** The file format finished recordings are kept in. */
enum RecordingFormat {
  /** 16-bit PCM stereo, as the media engine records it. */
  WAV("wav"),
  /** FLAC: lossless, about half the size of the WAV. */
  FLAC("flac"),
  /** Ogg Vorbis: lossy, about a tenth of the WAV, plenty for speech. */
  OGG("ogg");

  private final String extension;

  RecordingFormat(String extension) {
    this.extension = extension;
  }

  String extension() {
    return extension;
  }

  static RecordingFormat parse(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("format must be wav, flac or ogg, got '" + value + "'", e);
    }
  }
}
