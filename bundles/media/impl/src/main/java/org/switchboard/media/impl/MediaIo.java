package org.switchboard.media.impl;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the engine's receiving threads: a selector over its sessions' non-blocking RTP and RTCP
 * channels, handing each datagram to the channel's {@link PacketHandler}. Channels are added and
 * closed through this thread (a registered channel's socket is only released once its key is
 * deregistered), so a closed session's ports are free again when {@link #close} returns. Handler
 * exceptions are logged; nothing stops the loop but {@link #stop}.
 */
final class MediaIo implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(MediaIo.class);
  private static final int MAX_DATAGRAM = 2048;
  private static final int BURST = 64;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

  private final Selector selector;
  private final Thread thread;
  private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
  private final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
  private final AtomicLong handlerFailures = new AtomicLong();
  private volatile boolean running = true;

  MediaIo(String threadName) throws IOException {
    this.selector = Selector.open();
    this.thread = new Thread(this, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts receiving on {@code channel} (non-blocking, bound). */
  void register(DatagramChannel channel, PacketHandler handler) {
    onIoThread(
        () -> {
          try {
            channel.register(selector, SelectionKey.OP_READ, handler);
          } catch (IOException | RuntimeException e) {
            LOG.warn("cannot receive on {}: {}", channel, e.toString());
          }
        });
  }

  /**
   * Closes the channels, then runs {@code released} once their sockets are released. Waits
   * (bounded) for that unless called on the I/O thread itself, e.g. from a listener.
   */
  void close(List<DatagramChannel> channels, Runnable released) {
    if (!thread.isAlive()) {
      channels.forEach(MediaIo::closeQuietly);
      released.run();
      return;
    }
    if (Thread.currentThread() == thread) {
      channels.forEach(MediaIo::closeQuietly);
      pending.add(() -> afterFlush(released));
      return;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    onIoThread(
        () -> {
          channels.forEach(MediaIo::closeQuietly);
          afterFlush(released);
          done.complete(null);
        });
    try {
      done.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("closing RTP channels took longer than {}: {}", CLOSE_WAIT, e.toString());
    }
  }

  boolean alive() {
    return thread.isAlive();
  }

  long handlerFailures() {
    return handlerFailures.get();
  }

  /** Ends the loop, closes the selector and joins the thread (bounded). */
  void stop() {
    running = false;
    selector.wakeup();
    try {
      thread.join(CLOSE_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly(selector);
  }

  @Override
  public void run() {
    while (running) {
      try {
        selector.select(this::ready, 1000);
        runPending();
      } catch (ClosedSelectorException e) {
        return;
      } catch (IOException | RuntimeException e) {
        LOG.warn("media I/O loop: {}", e.toString(), e);
      }
    }
    runPending();
  }

  private void onIoThread(Runnable task) {
    pending.add(task);
    selector.wakeup();
  }

  private void runPending() {
    Runnable task;
    while ((task = pending.poll()) != null) {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("media I/O task failed: {}", e.toString(), e);
      }
    }
  }

  private void ready(SelectionKey key) {
    if (!key.isValid() || !key.isReadable()) {
      return;
    }
    DatagramChannel channel = (DatagramChannel) key.channel();
    PacketHandler handler = (PacketHandler) key.attachment();
    for (int i = 0; i < BURST; i++) {
      buffer.clear();
      InetSocketAddress from;
      try {
        from = (InetSocketAddress) channel.receive(buffer);
      } catch (IOException e) {
        LOG.debug("receive on {} failed: {}", channel, e.toString());
        return;
      }
      if (from == null) {
        return;
      }
      deliver(handler, from);
    }
  }

  private void deliver(PacketHandler handler, InetSocketAddress from) {
    try {
      handler.packet(buffer.array(), buffer.position(), from);
    } catch (RuntimeException e) {
      handlerFailures.incrementAndGet();
      LOG.warn("a media packet handler failed: {}", e.toString(), e);
    }
  }

  /** A select deregisters the cancelled keys, which releases the closed channels' sockets. */
  private void afterFlush(Runnable released) {
    try {
      selector.selectNow(this::ready);
    } catch (IOException | RuntimeException e) {
      LOG.debug("flushing cancelled keys: {}", e.toString());
    }
    released.run();
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      LOG.debug("close {}: {}", closeable, e.toString());
    }
  }
}
