package org.switchboard.media.impl;

/**
 * Turns a player's samples into packets on the media clock: each tick takes one clock period of
 * audio and sends it in packets of the far end's ptime (20 ms unless its SDP asked for another),
 * padding the last packet of the prompts with silence. Clock thread only, but for {@link #ptime}.
 */
final class Playout {
  private static final int MAX_PTIME = 60;

  private final Transmitter transmitter;
  private final int tickSamples;
  private final int defaultPacketSamples;
  private final short[] frame;
  private final short[] packet = new short[MAX_PTIME * 8];
  private volatile int packetSamples;
  private Player current;
  private int fill;

  Playout(Transmitter transmitter, int ptimeMillis) {
    this.transmitter = transmitter;
    this.tickSamples = ptimeMillis * 8;
    this.defaultPacketSamples = tickSamples;
    this.packetSamples = tickSamples;
    this.frame = new short[tickSamples];
  }

  /** The far end's ptime (0: it did not ask); values that are no multiple of 10 ms are ignored. */
  void ptime(int millis) {
    boolean usable = millis >= 10 && millis <= MAX_PTIME && millis % 10 == 0;
    packetSamples = usable ? millis * 8 : defaultPacketSamples;
  }

  /**
   * Sends one clock period of {@code player}.
   *
   * @return whether the player has ended
   */
  boolean tick(Player player) {
    if (player != current) {
      current = player;
      fill = 0;
    }
    int n = player.read(frame, tickSamples);
    push(player, n);
    if (n < tickSamples) {
      if (fill > 0) {
        java.util.Arrays.fill(packet, fill, packetSamples, (short) 0);
        transmitter.play(player, packet, packetSamples);
        fill = 0;
      }
      return true;
    }
    return false;
  }

  private void push(Player player, int n) {
    int size = packetSamples;
    fill = Math.min(fill, size);
    int offset = 0;
    while (offset < n) {
      int count = Math.min(n - offset, size - fill);
      System.arraycopy(frame, offset, packet, fill, count);
      fill += count;
      offset += count;
      if (fill >= size) {
        transmitter.play(player, packet, size);
        fill = 0;
      }
    }
  }
}
