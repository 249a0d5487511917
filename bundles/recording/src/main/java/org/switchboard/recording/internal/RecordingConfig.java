package org.switchboard.recording.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of voice storage, PID {@code org.switchboard.recording}. */
@ObjectClassDefinition(
    name = "Switchboard recordings",
    description = "Which calls are recorded, where the files go and how long they are kept.")
public @interface RecordingConfig {
  @AttributeDefinition(
      description =
          "Queues whose calls are recorded: queue ids, * for every queue, empty for none (then"
              + " only recordAgents and flows that set the attribute recording=on record).")
  String[] recordQueues() default {};

  @AttributeDefinition(description = "Agents whose calls are recorded whatever the queue.")
  String[] recordAgents() default {};

  @AttributeDefinition(
      description =
          "Where recordings are written, relative to the Karaf data directory (on the appliance"
              + " under /var/lib); one folder per day.")
  String directory() default "recordings";

  @AttributeDefinition(
      description = "Days a recording is kept; retention then deletes its file (1-3650).")
  int retentionDays() default 90;

  @AttributeDefinition(description = "Minutes between retention runs.")
  int sweepMinutes() default 60;

  @AttributeDefinition(
      description =
          "Format finished recordings are kept in: wav (16-bit PCM stereo, as recorded), flac"
              + " (lossless, about half the size) or ogg (Ogg Vorbis, lossy, about a tenth)."
              + " Converted with sox when the call ends; if that fails the WAV is kept.")
  String format() default "wav";
}
