package org.switchboard.media.impl;

import java.net.InetSocketAddress;

/** Takes the datagrams of one channel, on the I/O thread. Must not block. */
@FunctionalInterface
interface PacketHandler {
  /**
   * @param data the datagram's bytes, valid during this call only (the I/O thread reuses the array
   *     for the next datagram): copy what must be kept
   * @param length how many bytes of {@code data} the datagram holds
   * @param from where it came from
   */
  void packet(byte[] data, int length, InetSocketAddress from);
}
