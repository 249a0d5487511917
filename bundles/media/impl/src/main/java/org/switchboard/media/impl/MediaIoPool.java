package org.switchboard.media.impl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's receiving threads ({@link MediaIo}), sessions handed out round-robin: a session
 * receives on one of them for its whole life, and a bridged pair's two legs usually land on
 * different ones, so the relay of a call in each direction runs on its own thread.
 */
final class MediaIoPool {
  private final List<MediaIo> threads;
  private final AtomicInteger next = new AtomicInteger();

  MediaIoPool(int count) throws IOException {
    List<MediaIo> started = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        started.add(new MediaIo(count == 1 ? "switchboard-media-io" : "switchboard-media-io-" + i));
      }
    } catch (IOException | RuntimeException e) {
      started.forEach(MediaIo::stop);
      throw e;
    }
    this.threads = List.copyOf(started);
  }

  /** The thread a new session receives on. */
  MediaIo next() {
    return threads.get(Math.floorMod(next.getAndIncrement(), threads.size()));
  }

  boolean alive() {
    return threads.stream().allMatch(MediaIo::alive);
  }

  long handlerFailures() {
    return threads.stream().mapToLong(MediaIo::handlerFailures).sum();
  }

  void stop() {
    threads.forEach(MediaIo::stop);
  }
}
