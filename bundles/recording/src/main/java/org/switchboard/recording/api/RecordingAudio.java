package org.switchboard.recording.api;

import java.nio.file.Path;

/** The media types of stored recordings (WAV, or FLAC and Ogg when compressed), by file name. */
public final class RecordingAudio {
  public static final String WAV = "audio/wav";
  public static final String FLAC = "audio/flac";
  public static final String OGG = "audio/ogg";

  private RecordingAudio() {}

  /** The media type of a recording file: FLAC, Ogg, else WAV. */
  public static String contentType(Path file) {
    String name = file.getFileName().toString();
    return switch (name.substring(name.lastIndexOf('.') + 1)) {
      case "flac" -> FLAC;
      case "ogg" -> OGG;
      default -> WAV;
    };
  }
}
