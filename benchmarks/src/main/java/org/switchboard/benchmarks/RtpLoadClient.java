package org.switchboard.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The far ends of N bridged calls: two peers per call (customer {@code 2i}, agent {@code 2i+1}),
 * each a plain non-blocking {@link DatagramChannel} on 127.0.0.1 that sends 20 ms G.711 packets
 * (12-byte RTP header, 160-byte payload, 50 packets/s) to its relay address and counts what it gets
 * back from its partner. A few client threads drive all peers on a fixed schedule, the peers'
 * phases spread evenly over the 20 ms.
 *
 * <p>Each payload carries the sender's peer number, the scheduled and the actual send time as one
 * bit per byte in the sample's sign (0xB0 positive, 0x30 negative): the sign bit of a G.711 byte
 * survives PCMU/PCMA transcoding, so the receiver can read them whatever the relay did to the
 * audio, and no side table is shared between threads.
 */
final class RtpLoadClient implements AutoCloseable {
  static final long PERIOD_NANOS = 20_000_000L;
  static final int PAYLOAD = 160;
  static final int PACKET = 12 + PAYLOAD;
  private static final int FIELDS_BITS = 96;
  private static final long LATE_NANOS = 60_000_000L;
  private static final int BUCKET_MICROS = 10;
  private static final int BUCKETS = 200_000;

  private final DatagramChannel[] channels;
  private final InetSocketAddress[] relays;
  private final int[] payloadTypes;
  private final int threads;

  /** Opens {@code 2 * calls} peers. */
  RtpLoadClient(int calls, int threads) throws IOException {
    this.channels = new DatagramChannel[2 * calls];
    this.relays = new InetSocketAddress[2 * calls];
    this.payloadTypes = new int[2 * calls];
    this.threads = threads;
    for (int p = 0; p < channels.length; p++) {
      DatagramChannel c = DatagramChannel.open();
      c.setOption(StandardSocketOptions.SO_RCVBUF, 256 * 1024);
      c.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      c.configureBlocking(false);
      channels[p] = c;
    }
  }

  int peers() {
    return channels.length;
  }

  /** Where peer {@code p} receives (and sends from). */
  InetSocketAddress address(int p) throws IOException {
    return (InetSocketAddress) channels[p].getLocalAddress();
  }

  /** Peer {@code p} sends to {@code relay} with RTP payload type {@code payloadType}. */
  void target(int p, InetSocketAddress relay, int payloadType) {
    relays[p] = relay;
    payloadTypes[p] = payloadType;
  }

  /**
   * Runs the load: peers send from now for {@code warmupNanos + measureNanos}, then listen for
   * {@code drainNanos} more. Only packets scheduled inside the measurement window are counted.
   * Returns when every client thread has finished.
   *
   * @param onWindow called on the caller's thread at the start and at the end of the window
   */
  Result run(long warmupNanos, long measureNanos, long drainNanos, Runnable onWindow)
      throws InterruptedException {
    long start = System.nanoTime() + 50_000_000L;
    long windowStart = start + warmupNanos;
    long windowEnd = windowStart + measureNanos;
    List<Worker> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Worker w = new Worker(t, start, windowStart, windowEnd, windowEnd + drainNanos);
      workers.add(w);
      w.thread.start();
    }
    sleepUntil(windowStart);
    onWindow.run();
    sleepUntil(windowEnd);
    onWindow.run();
    Result total = new Result();
    for (Worker w : workers) {
      w.thread.join(drainNanos / 1_000_000L + 10_000L);
      if (w.thread.isAlive()) {
        w.thread.interrupt();
        w.thread.join(5_000L);
      }
      if (w.failure != null) {
        throw new IllegalStateException("load client failed", w.failure);
      }
      total.add(w.result);
    }
    return total;
  }

  /** The client threads' names start with this (to tell their CPU apart). */
  static final String THREAD_PREFIX = "rtp-load-client-";

  @Override
  public void close() {
    for (DatagramChannel c : channels) {
      try {
        c.close();
      } catch (IOException e) {
        // Closing a bound datagram channel does not fail in a way we could act on.
      }
    }
  }

  private static void sleepUntil(long deadline) throws InterruptedException {
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      Thread.sleep(Math.max(1, left / 1_000_000L));
    }
  }

  /** One client thread: the peers {@code p} with {@code p % threads == index}, in phase order. */
  private final class Worker implements Runnable {
    final Thread thread;
    final Result result = new Result();
    private final int[] mine;
    private final long[] phase;
    private final int[] seq;
    private final long start;
    private final long windowStart;
    private final long windowEnd;
    private final long end;
    private final ByteBuffer out = ByteBuffer.allocateDirect(PACKET);
    private final ByteBuffer in = ByteBuffer.allocateDirect(2048);
    private final long[] fields = new long[3];
    private volatile Throwable failure;

    Worker(int index, long start, long windowStart, long windowEnd, long end) {
      List<Integer> list = new ArrayList<>();
      for (int p = index; p < channels.length; p += threads) {
        list.add(p);
      }
      this.mine = list.stream().mapToInt(Integer::intValue).toArray();
      this.phase = new long[mine.length];
      this.seq = new int[mine.length];
      for (int k = 0; k < mine.length; k++) {
        phase[k] = PERIOD_NANOS * mine[k] / channels.length;
      }
      this.start = start;
      this.windowStart = windowStart;
      this.windowEnd = windowEnd;
      this.end = end;
      this.thread = new Thread(this, THREAD_PREFIX + index);
      thread.setDaemon(true);
    }

    @Override
    public void run() {
      try (Selector selector = Selector.open()) {
        for (int k = 0; k < mine.length; k++) {
          channels[mine[k]].register(selector, SelectionKey.OP_READ, mine[k]);
        }
        loop(selector);
      } catch (IOException | RuntimeException e) {
        failure = e;
      }
    }

    private void loop(Selector selector) throws IOException {
      int k = 0;
      long cycle = 0;
      while (!Thread.currentThread().isInterrupted()) {
        long now = System.nanoTime();
        if (now >= end) {
          return;
        }
        long due = start + cycle * PERIOD_NANOS + phase[k];
        while (due <= now && due < windowEnd) {
          send(k, due);
          if (++k == mine.length) {
            k = 0;
            cycle++;
          }
          due = start + cycle * PERIOD_NANOS + phase[k];
          now = System.nanoTime();
        }
        // Selector timeouts are whole milliseconds: a send may go up to 1 ms after its schedule
        // (latency is measured from the actual send), but the thread never spins.
        long waitNanos = (due < windowEnd ? due : end) - now;
        if (waitNanos > 0) {
          selector.select(this::receive, Math.min((waitNanos + 999_999L) / 1_000_000L, 50));
        } else {
          selector.selectNow(this::receive);
        }
      }
    }

    private void send(int k, long scheduled) {
      int p = mine[k];
      long sent = System.nanoTime();
      out.clear();
      out.put((byte) 0x80).put((byte) payloadTypes[p]).putShort((short) seq[k]);
      out.putInt(seq[k] * PAYLOAD).putInt(0x5000_0000 + p);
      long[] values = {p, (scheduled - start) / 1000, (sent - start) / 1000};
      for (int b = 0; b < FIELDS_BITS; b++) {
        long bit = (values[b / 32] >>> (b % 32)) & 1;
        out.put((byte) (bit == 1 ? 0xB0 : 0x30));
      }
      while (out.hasRemaining()) {
        out.put((byte) 0xFF);
      }
      out.flip();
      seq[k]++;
      boolean counted = scheduled >= windowStart;
      int written;
      try {
        written = channels[p].send(out, relays[p]);
      } catch (IOException e) {
        written = 0;
      }
      if (written == 0) {
        result.sendFailures++;
      } else if (counted) {
        result.sent++;
      }
      if (counted) {
        result.maxSendLagNanos = Math.max(result.maxSendLagNanos, sent - scheduled);
      }
    }

    private void receive(SelectionKey key) {
      DatagramChannel channel = (DatagramChannel) key.channel();
      int peer = (Integer) key.attachment();
      while (true) {
        in.clear();
        try {
          if (channel.receive(in) == null) {
            return;
          }
        } catch (IOException e) {
          result.receiveFailures++;
          return;
        }
        long now = System.nanoTime();
        if (in.position() != PACKET || (in.get(0) & 0xC0) != 0x80) {
          result.other++;
          continue;
        }
        Arrays.fill(fields, 0);
        for (int b = 0; b < FIELDS_BITS; b++) {
          if ((in.get(12 + b) & 0x80) != 0) {
            fields[b / 32] |= 1L << (b % 32);
          }
        }
        long scheduled = start + fields[1] * 1000;
        long sent = start + fields[2] * 1000;
        if (fields[0] != (peer ^ 1)) {
          result.misrouted++;
        } else if (scheduled >= windowStart && scheduled < windowEnd) {
          result.received++;
          if (now - scheduled > LATE_NANOS) {
            result.late++;
          }
          long bucket = Math.max(0, (now - sent) / 1000 / BUCKET_MICROS);
          result.latency[(int) Math.min(bucket, BUCKETS - 1)]++;
        }
      }
    }
  }

  /** What the peers counted inside the measurement window (latency in 10 µs buckets). */
  static final class Result {
    long sent;
    long received;
    long late;
    long misrouted;
    long other;
    long sendFailures;
    long receiveFailures;
    long maxSendLagNanos;
    final long[] latency = new long[BUCKETS];

    void add(Result r) {
      sent += r.sent;
      received += r.received;
      late += r.late;
      misrouted += r.misrouted;
      other += r.other;
      sendFailures += r.sendFailures;
      receiveFailures += r.receiveFailures;
      maxSendLagNanos = Math.max(maxSendLagNanos, r.maxSendLagNanos);
      for (int i = 0; i < BUCKETS; i++) {
        latency[i] += r.latency[i];
      }
    }

    /** Packets scheduled in the window that never came back, in percent of those sent. */
    double lossPercent() {
      return sent == 0 ? 0 : 100.0 * Math.max(0, sent - received) / sent;
    }

    /** The one-way latency (send to receive) at quantile {@code q}, in milliseconds. */
    double latencyMillis(double q) {
      long n = 0;
      for (long c : latency) {
        n += c;
      }
      long rank = (long) Math.ceil(q * n);
      long seen = 0;
      for (int i = 0; i < BUCKETS; i++) {
        seen += latency[i];
        if (seen >= rank && seen > 0) {
          return (i + 1) * BUCKET_MICROS / 1000.0;
        }
      }
      return Double.NaN;
    }
  }
}
