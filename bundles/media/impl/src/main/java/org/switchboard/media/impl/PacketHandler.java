package org.switchboard.media.impl;

import java.net.InetSocketAddress;

/** Takes the datagrams of one channel, on the I/O thread. Must not block. */
@FunctionalInterface
interface PacketHandler {
  /**
   * @param data the datagram's bytes, owned by the handler from now on
   * @param length how many bytes of {@code data} the datagram holds
   * @param from where it came from
   */
  void packet(byte[] data, int length, InetSocketAddress from);
}
