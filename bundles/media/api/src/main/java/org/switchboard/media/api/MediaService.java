package org.switchboard.media.api;

import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/** The media engine: RTP endpoints for call legs, the prompts they play, call recording. */
@ProviderType
public interface MediaService {

  /**
   * Opens an RTP endpoint (and its RTCP port) on a free even port of the configured range. Nothing
   * is sent or accepted from anyone until the session is negotiated ({@link MediaSession#offer},
   * {@link MediaSession#answer}).
   *
   * @param label what the session belongs to, for logs and statistics (e.g. a SIP Call-ID)
   * @throws MediaException when no port of the range is free or the engine is stopping
   */
  MediaSession open(String label) throws MediaException;

  /**
   * A prompt by name: an admin's uploaded file or one shipped with Switchboard (e.g. {@code
   * music-on-hold}), converted once to 8 kHz and kept in memory.
   *
   * @throws MediaException when there is no such prompt or its file cannot be read as audio
   */
  Prompt prompt(String name) throws MediaException;

  /**
   * A prompt read from an audio file given by path (e.g. what {@link Tts} rendered), converted once
   * and cached like named prompts (a changed file is read again).
   *
   * @throws MediaException when the file cannot be read as audio
   */
  Prompt prompt(Path file) throws MediaException;

  /**
   * Starts recording a bridged call: {@code left} (the customer's leg) to the left channel and
   * {@code right} (the agent's leg) to the right channel of a 16-bit 8 kHz stereo WAV file, aligned
   * in time (silence where a side sent nothing). The file is complete once {@link Recording#stop}
   * returns.
   *
   * @param right the agent's leg, or null for a one-sided recording (a voicemail: the right channel
   *     stays silent)
   * @param file where the recording goes; its directory must exist
   * @throws MediaException when a session is closed or the file cannot be created
   */
  Recording record(MediaSession left, MediaSession right, Path file) throws MediaException;

  /**
   * Joins a supervisor's leg to the bridged call of {@code customer} and {@code agent}: the
   * supervisor hears both, mixed; in {@link Monitoring.Mode#WHISPER} the agent also hears the
   * supervisor, in {@link Monitoring.Mode#BARGE} both do. Whoever hears more than one other leg
   * gets a mix made on the media clock; the others keep the direct relay of the bridge. Monitoring
   * follows the sessions, not the bridge: it ends when one of the three closes or on {@link
   * Monitoring#stop}.
   *
   * @throws MediaException when a session is closed or not of this engine, the supervisor's session
   *     is one of the call's, or it already monitors a call
   */
  Monitoring monitor(
      MediaSession customer, MediaSession agent, MediaSession supervisor, Monitoring.Mode mode)
      throws MediaException;

  /** Sessions open now (each holds two UDP ports). */
  int openSessions();

  /**
   * Most sessions open at once; {@link #open} refuses more ({@link MediaBusyException}). A channel
   * that needs several sessions per contact (a call: the customer's and the agent's) admits a new
   * contact only while there is room for all of them.
   *
   * @since 1.4
   */
  int maxSessions();
}
