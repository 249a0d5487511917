package org.switchboard.media.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the media engine, PID {@code org.switchboard.media}. */
@ObjectClassDefinition(
    name = "Switchboard media engine",
    description = "Where RTP is sent and received, the port range, prompts and session limits.")
public @interface MediaConfig {
  @AttributeDefinition(
      description =
          "Address the RTP and RTCP ports are bound to. Loopback by default; the appliance's LAN"
              + " address (or 0.0.0.0 with advertisedAddress set) to reach phones and trunks.")
  String address() default "127.0.0.1";

  @AttributeDefinition(
      description =
          "Address written in the SDP c= line (e.g. a public address behind static NAT). Empty:"
              + " the bind address.")
  String advertisedAddress() default "";

  @AttributeDefinition(description = "Lowest RTP port (even; RTCP uses the next odd port).")
  int portMin() default 10000;

  @AttributeDefinition(description = "Highest port of the range (RTP and RTCP ports included).")
  int portMax() default 20000;

  @AttributeDefinition(
      description =
          "Directory of the admins' prompts (WAV files, any rate: converted to 8 kHz). Relative"
              + " paths are resolved against the Karaf data directory.")
  String promptDirectory() default "prompts";

  @AttributeDefinition(description = "Most sessions open at once (each holds two UDP ports).")
  int maxSessions() default 2000;

  @AttributeDefinition(description = "Milliseconds of audio per packet we send (10 to 60).")
  int ptimeMillis() default 20;

  @AttributeDefinition(
      description =
          "Detect DTMF tones in the audio (Goertzel) for peers that send no RFC 4733 events.")
  boolean inbandDtmf() default true;

  @AttributeDefinition(
      description =
          "Threads receiving and relaying RTP (1-16), each with its own selector; sessions are"
              + " spread over them. More than one pays off with cores to spare.")
  int ioThreads() default 1;
}
