package org.switchboard.media.impl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * The media engine's settings, validated: what {@link MediaConfig} holds, as a value a unit test
 * can build without OSGi.
 *
 * @param address the address RTP and RTCP ports are bound to
 * @param advertisedAddress the address written in SDP c= lines
 * @param portMin lowest RTP port, even
 * @param portMax highest port of the range (an RTP port's RTCP port included)
 * @param promptDirectory where admins drop WAV prompts
 * @param maxSessions most sessions open at once
 * @param ptimeMillis milliseconds of audio per packet sent, and the media clock's period
 * @param inbandDtmf whether to detect DTMF tones in the audio
 * @param ioThreads receiving threads (1-16), each with its own selector; sessions are spread over
 *     them
 */
public record EngineSettings(
    InetAddress address,
    String advertisedAddress,
    int portMin,
    int portMax,
    Path promptDirectory,
    int maxSessions,
    int ptimeMillis,
    boolean inbandDtmf,
    int ioThreads) {

  public EngineSettings {
    check(portMin > 0 && portMin % 2 == 0, "portMin must be an even port number, not " + portMin);
    check(
        portMax <= 65535 && portMax > portMin,
        "portMax must be above portMin (" + portMin + ") and at most 65535, not " + portMax);
    check(maxSessions > 0, "maxSessions must be at least 1, not " + maxSessions);
    check(
        ptimeMillis >= 10 && ptimeMillis <= 60 && ptimeMillis % 10 == 0,
        "ptimeMillis must be 10, 20, 30, 40, 50 or 60, not " + ptimeMillis);
    check(
        ioThreads >= 1 && ioThreads <= 16, "ioThreads must be between 1 and 16, not " + ioThreads);
    check(address != null, "address is required");
    check(promptDirectory != null, "promptDirectory is required");
    advertisedAddress =
        advertisedAddress == null || advertisedAddress.isBlank()
            ? address.getHostAddress()
            : advertisedAddress.trim();
  }

  /** Settings from the DS configuration, prompt directory resolved against {@code karaf.data}. */
  public static EngineSettings of(MediaConfig config) {
    return new EngineSettings(
        bindAddress(config.address()),
        config.advertisedAddress(),
        config.portMin(),
        config.portMax(),
        Path.of(System.getProperty("karaf.data", ".")).resolve(config.promptDirectory()),
        config.maxSessions(),
        config.ptimeMillis(),
        config.inbandDtmf(),
        config.ioThreads());
  }

  /** Loopback-only settings for a port range, as tests and tools use them. */
  public static EngineSettings loopback(int portMin, int portMax, Path promptDirectory) {
    return new EngineSettings(
        InetAddress.getLoopbackAddress(), "", portMin, portMax, promptDirectory, 2000, 20, true, 1);
  }

  /** Samples (8 kHz) in one packet we send. */
  public int samplesPerPacket() {
    return ptimeMillis * 8;
  }

  /** The RTP ports the range holds (even ports whose RTCP port is in the range too). */
  public int portPairs() {
    return (portMax - portMin + 1) / 2;
  }

  private static InetAddress bindAddress(String address) {
    String value = address == null ? "" : address.trim();
    check(!value.isEmpty(), "address is required (e.g. 127.0.0.1 or the LAN address)");
    check(
        Character.isDigit(value.charAt(0)) || value.contains(":"),
        "address must be a numeric IP address, not " + value);
    try {
      return InetAddress.getByName(value);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("address is not an IP address: " + value, e);
    }
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("media configuration: " + message);
    }
  }
}
