package org.switchboard.media.impl;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.BitSet;
import org.switchboard.media.api.MediaBusyException;
import org.switchboard.media.api.MediaException;

/**
 * The RTP port range: hands out pairs of bound, non-blocking UDP channels on an even RTP port and
 * the RTCP port after it, going round the range so a port just freed is the last to be reused;
 * ports some other program holds are skipped. Thread-safe.
 */
final class PortRange {
  private static final int RECEIVE_BUFFER = 256 * 1024;

  private final InetAddress address;
  private final int first;
  private final int pairs;
  private final BitSet taken;
  private int cursor;
  private int inUse;

  /** A pair of channels on adjacent ports. */
  record Pair(int rtpPort, DatagramChannel rtp, DatagramChannel rtcp) {}

  PortRange(InetAddress address, int portMin, int portMax) {
    this.address = address;
    this.first = portMin;
    this.pairs = (portMax - portMin + 1) / 2;
    this.taken = new BitSet(pairs);
  }

  /**
   * Binds the next free pair.
   *
   * @throws MediaException when every pair of the range is taken or cannot be bound
   */
  synchronized Pair open() throws MediaException {
    for (int tried = 0; tried < pairs; tried++) {
      int index = cursor;
      cursor = (cursor + 1) % pairs;
      if (taken.get(index)) {
        continue;
      }
      Pair pair = bind(first + 2 * index);
      if (pair != null) {
        taken.set(index);
        inUse++;
        return pair;
      }
    }
    throw new MediaBusyException(
        "no free RTP port pair in "
            + first
            + "-"
            + (first + 2 * pairs - 1)
            + " on "
            + address.getHostAddress()
            + " ("
            + inUse
            + " in use by Switchboard): widen portMin/portMax");
  }

  /** Gives a pair's ports back, once its channels are closed. */
  synchronized void release(int rtpPort) {
    int index = (rtpPort - first) / 2;
    if (index >= 0 && index < pairs && taken.get(index)) {
      taken.clear(index);
      inUse--;
    }
  }

  /** Pairs not handed out. */
  synchronized int free() {
    return pairs - inUse;
  }

  private Pair bind(int port) {
    DatagramChannel rtp = null;
    try {
      rtp = channel(port);
      DatagramChannel rtcp = channel(port + 1);
      return new Pair(port, rtp, rtcp);
    } catch (IOException e) {
      closeQuietly(rtp);
      return null;
    }
  }

  private DatagramChannel channel(int port) throws IOException {
    DatagramChannel channel = DatagramChannel.open();
    try {
      channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
      channel.bind(new InetSocketAddress(address, port));
      channel.configureBlocking(false);
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e instanceof IOException io ? io : new IOException(e);
    }
  }

  private static void closeQuietly(DatagramChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Never bound to the selector: nothing else to release.
        org.slf4j.LoggerFactory.getLogger(PortRange.class).debug("close: {}", e.toString());
      }
    }
  }
}
