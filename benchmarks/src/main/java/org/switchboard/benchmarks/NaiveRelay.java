package org.switchboard.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference: what a minimal RTP proxy does. Two loopback sockets per call, one thread with a
 * {@link Selector} that forwards every datagram arriving on a call's socket, unchanged and
 * unparsed, out of the partner socket to the partner's far end (addresses known in advance, as from
 * SDP). The same receive burst (64) and socket buffer (256 KB) as the media engine's I/O thread.
 */
final class NaiveRelay implements AutoCloseable {
  static final String THREAD = "naive-relay";
  private static final int BURST = 64;

  private final Selector selector;
  private final List<DatagramChannel> channels = new ArrayList<>();
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
  private final Thread thread;
  private volatile boolean running = true;

  /** Where one socket's datagrams go: out of the partner socket, to the partner's far end. */
  private record Route(DatagramChannel out, InetSocketAddress to) {}

  NaiveRelay() throws IOException {
    this.selector = Selector.open();
    this.thread = new Thread(this::loop, THREAD);
    thread.setDaemon(true);
  }

  /**
   * Adds a call between far ends {@code a} and {@code b}; returns the two relay addresses they send
   * to ({@code a}'s first). Call before {@link #start}.
   */
  InetSocketAddress[] call(InetSocketAddress a, InetSocketAddress b) throws IOException {
    DatagramChannel forA = open();
    DatagramChannel forB = open();
    forA.register(selector, SelectionKey.OP_READ, new Route(forB, b));
    forB.register(selector, SelectionKey.OP_READ, new Route(forA, a));
    return new InetSocketAddress[] {
      (InetSocketAddress) forA.getLocalAddress(), (InetSocketAddress) forB.getLocalAddress()
    };
  }

  void start() {
    thread.start();
  }

  @Override
  public void close() throws IOException {
    running = false;
    selector.wakeup();
    try {
      thread.join(2_000L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    selector.close();
    for (DatagramChannel c : channels) {
      c.close();
    }
  }

  private DatagramChannel open() throws IOException {
    DatagramChannel c = DatagramChannel.open();
    c.setOption(StandardSocketOptions.SO_RCVBUF, 256 * 1024);
    c.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    c.configureBlocking(false);
    channels.add(c);
    return c;
  }

  private void loop() {
    try {
      while (running) {
        selector.select(this::forward, 1000);
      }
    } catch (IOException | ClosedSelectorException e) {
      // Closed while stopping.
    }
  }

  private void forward(SelectionKey key) {
    DatagramChannel in = (DatagramChannel) key.channel();
    Route route = (Route) key.attachment();
    try {
      for (int i = 0; i < BURST; i++) {
        buffer.clear();
        if (in.receive(buffer) == null) {
          return;
        }
        buffer.flip();
        route.out().send(buffer, route.to());
      }
    } catch (IOException e) {
      // A datagram lost, as on the wire; the far ends count it.
    }
  }
}
