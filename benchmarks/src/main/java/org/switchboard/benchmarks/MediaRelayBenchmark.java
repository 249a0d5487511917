package org.switchboard.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.switchboard.media.api.MediaException;
import org.switchboard.media.api.MediaSession;
import org.switchboard.media.api.Recording;
import org.switchboard.media.impl.EngineSettings;
import org.switchboard.media.impl.MediaEngine;

/**
 * RTP relay through the media engine, as a media-anchoring B2BUA runs it for every bridged call:
 * for N concurrent calls, two engine sessions per call (customer answered, agent offered, both
 * negotiated by SDP with {@link RtpLoadClient} peers) bridged, each peer sending 50 G.711 packets/s
 * and counting what comes back. Variants: {@code pcmu} (both legs PCMU), {@code pcma} (agent leg
 * PCMA: transcoding both ways), {@code record} (PCMU, stereo WAV recording of every call to a temp
 * directory, deleted after), and {@code baseline} ({@link NaiveRelay}) under the same load, in the
 * same run. CPU is taken per thread ({@code switchboard-media-*} for the engine, {@code
 * naive-relay} for the baseline), so the load client's CPU is not counted as the relay's.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * org.switchboard.benchmarks.MediaRelayBenchmark --calls 50,100,200,400 --seconds 20}. Loopback
 * only, bounded in time; prints a Markdown table. Options: {@code --warmup SECONDS} (5), {@code
 * --clients THREADS} (2), {@code --variants baseline,pcmu,pcma,record}, {@code --ports
 * 24000-27999}, {@code --io-threads N} (1: the engine's receiving threads).
 */
public final class MediaRelayBenchmark {
  private static final String ENGINE_THREADS = "switchboard-media-";
  private static final Pattern M_LINE = Pattern.compile("m=audio (\\d+) ");
  private static final double MAX_LOSS_PERCENT = 0.1;
  private static final double MAX_P99_MILLIS = 20;

  private final int seconds;
  private final int warmup;
  private final int clients;
  private final int portMin;
  private final int portMax;
  private final int ioThreads;

  private MediaRelayBenchmark(
      int seconds, int warmup, int clients, int portMin, int portMax, int ioThreads) {
    this.ioThreads = ioThreads;
    this.seconds = seconds;
    this.warmup = warmup;
    this.clients = clients;
    this.portMin = portMin;
    this.portMax = portMax;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("calls", "50,100,200,400");
    o.put("seconds", "20");
    o.put("warmup", "5");
    o.put("clients", "2");
    o.put("variants", "baseline,pcmu,pcma,record");
    o.put("ports", "24000-27999");
    o.put("io-threads", "1");
    BenchmarkOptions options = new BenchmarkOptions(o, args);
    int[] calls = options.integers("calls");
    List<String> variants = List.of(options.get("variants").split(","));
    String[] ports = options.get("ports").split("-");
    MediaRelayBenchmark bench =
        new MediaRelayBenchmark(
            options.integer("seconds"),
            options.integer("warmup"),
            options.integer("clients"),
            Integer.parseInt(ports[0]),
            Integer.parseInt(ports[1]),
            options.integer("io-threads"));
    long boundSeconds = (long) calls.length * variants.size() * (bench.warmup + bench.seconds + 40);
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(boundSeconds * 1000);
                System.err.println("media relay benchmark: over " + boundSeconds + " s, stopping");
                System.exit(2);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "benchmark-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    System.out.println(machine(o));
    List<Step> steps = new ArrayList<>();
    for (int n : calls) {
      for (String v : variants) {
        Step s = bench.step(v, n);
        System.err.println(s.row(null));
        steps.add(s);
      }
    }
    System.out.println(report(steps, variants));
  }

  /** One measured step: N calls through one relay variant. */
  private Step step(String variant, int calls) throws Exception {
    System.gc();
    Thread.sleep(500); // a quiet half second between steps (not a synchronisation): the GC settles
    try (RtpLoadClient client = new RtpLoadClient(calls, clients)) {
      Runnable stop;
      String threads;
      if (variant.equals("baseline")) {
        NaiveRelay relay = new NaiveRelay();
        for (int i = 0; i < calls; i++) {
          InetSocketAddress[] at = relay.call(client.address(2 * i), client.address(2 * i + 1));
          client.target(2 * i, at[0], 0);
          client.target(2 * i + 1, at[1], 0);
        }
        relay.start();
        threads = NaiveRelay.THREAD;
        stop =
            () -> {
              try {
                relay.close();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            };
      } else {
        EngineCalls engine = new EngineCalls(variant, calls);
        engine.connect(client);
        threads = ENGINE_THREADS;
        stop = engine::close;
      }
      List<Sample> samples = new ArrayList<>();
      RtpLoadClient.Result result;
      try {
        result =
            client.run(
                warmup * 1_000_000_000L,
                seconds * 1_000_000_000L,
                500_000_000L,
                () -> samples.add(Sample.take(threads)));
      } finally {
        stop.run();
      }
      return new Step(variant, calls, seconds, result, samples.get(0), samples.get(1));
    }
  }

  /** The engine side of one step: a fresh engine, two sessions per call, bridged. */
  private final class EngineCalls {
    private final String variant;
    private final MediaEngine engine;
    private final List<MediaSession[]> legs = new ArrayList<>();
    private final List<Recording> recordings = new ArrayList<>();
    private final Path recordingDir;

    EngineCalls(String variant, int calls) throws IOException {
      if (!List.of("pcmu", "pcma", "record").contains(variant)) {
        throw new IllegalArgumentException("unknown variant " + variant);
      }
      this.variant = variant;
      this.engine =
          new MediaEngine(
              new EngineSettings(
                  InetAddress.getLoopbackAddress(),
                  "",
                  portMin,
                  portMax,
                  Path.of(System.getProperty("java.io.tmpdir"), "relay-benchmark-no-prompts"),
                  Math.max(2000, 2 * calls),
                  20,
                  true,
                  ioThreads));
      this.recordingDir =
          variant.equals("record") ? Files.createTempDirectory("relay-benchmark-") : null;
    }

    void connect(RtpLoadClient client) throws IOException, MediaException {
      int agentPt = variant.equals("pcma") ? 8 : 0;
      for (int i = 0; i < client.peers() / 2; i++) {
        MediaSession customer = engine.open("customer-" + i);
        MediaSession agent = engine.open("agent-" + i);
        legs.add(new MediaSession[] {customer, agent});
        int customerPort = port(customer.answer(sdp(client.address(2 * i).getPort(), 0)));
        int agentPort = port(agent.offer(MediaSession.Direction.SENDRECV));
        agent.accept(sdp(client.address(2 * i + 1).getPort(), agentPt));
        customer.bridge(agent);
        agent.onDtmf((digit, source) -> {}); // as the SIP channel does (the recording pause key)
        client.target(
            2 * i, new InetSocketAddress(InetAddress.getLoopbackAddress(), customerPort), 0);
        client.target(
            2 * i + 1, new InetSocketAddress(InetAddress.getLoopbackAddress(), agentPort), agentPt);
        if (recordingDir != null) {
          recordings.add(
              engine.record(customer, agent, recordingDir.resolve("call-" + i + ".wav")));
        }
      }
    }

    void close() {
      for (Recording r : recordings) {
        try {
          r.stop();
        } catch (MediaException e) {
          System.err.println("recording failed: " + e.getMessage());
        }
      }
      engine.close();
      if (recordingDir != null) {
        try (var files = Files.list(recordingDir)) {
          for (Path f : files.toList()) {
            Files.delete(f);
          }
          Files.delete(recordingDir);
        } catch (IOException e) {
          System.err.println("cannot delete " + recordingDir + ": " + e);
        }
      }
    }

    private static int port(String sdp) {
      Matcher m = M_LINE.matcher(sdp);
      if (!m.find()) {
        throw new IllegalStateException("no m=audio line in " + sdp);
      }
      return Integer.parseInt(m.group(1));
    }

    private static String sdp(int port, int pt) {
      return "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=peer\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
          + ("m=audio " + port + " RTP/AVP " + pt + "\r\n")
          + ("a=rtpmap:" + pt + (pt == 0 ? " PCMU" : " PCMA") + "/8000\r\n")
          + "a=ptime:20\r\na=sendrecv\r\n";
    }
  }

  /** CPU, allocation, GC and kernel counters at one instant. */
  private record Sample(
      long nanos,
      long relayCpu,
      long relayAllocated,
      long clientCpu,
      long processCpu,
      long gcCount,
      long gcMillis,
      long udpDrops,
      long machineBusyTicks,
      long machineTicks) {

    static Sample take(String relayPrefix) {
      ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
      long relayCpu = 0;
      long relayAllocated = 0;
      long clientCpu = 0;
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        long cpu = Math.max(0, mx.getThreadCpuTime(t.getId()));
        if (t.getName().startsWith(relayPrefix)) {
          relayCpu += cpu;
          relayAllocated += Math.max(0, mx.getThreadAllocatedBytes(t.getId()));
        } else if (t.getName().startsWith(RtpLoadClient.THREAD_PREFIX)) {
          clientCpu += cpu;
        }
      }
      long gcCount = 0;
      long gcMillis = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        gcCount += Math.max(0, gc.getCollectionCount());
        gcMillis += Math.max(0, gc.getCollectionTime());
      }
      long[] cpu = procStatTicks();
      return new Sample(
          System.nanoTime(),
          relayCpu,
          relayAllocated,
          clientCpu,
          ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
              .getProcessCpuTime(),
          gcCount,
          gcMillis,
          udpReceiveBufferErrors(),
          cpu[0],
          cpu[1]);
    }

    /** {@code Udp: RcvbufErrors} of /proc/net/snmp (datagrams a full socket buffer dropped). */
    private static long udpReceiveBufferErrors() {
      try {
        List<String> udp =
            Files.readAllLines(Path.of("/proc/net/snmp")).stream()
                .filter(l -> l.startsWith("Udp:"))
                .toList();
        List<String> names = List.of(udp.get(0).split("\\s+"));
        return Long.parseLong(udp.get(1).split("\\s+")[names.indexOf("RcvbufErrors")]);
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }

    /** Busy and total clock ticks of all CPUs, from /proc/stat. */
    private static long[] procStatTicks() {
      try {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
          total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, total};
      } catch (IOException | RuntimeException e) {
        return new long[] {-1, -1};
      }
    }
  }

  /** One step's figures. */
  private record Step(
      String variant, int calls, int seconds, RtpLoadClient.Result r, Sample a, Sample b) {
    double relayed() {
      return r.received / (double) seconds;
    }

    double wallSeconds() {
      return (b.nanos - a.nanos) / 1e9;
    }

    /** Relay threads' CPU per packet relayed (a packet in and its copy out), in µs. */
    double cpuMicrosPerPacket() {
      return (b.relayCpu - a.relayCpu) / 1000.0 / Math.max(1, r.received);
    }

    double percentOfCore(long from, long to) {
      return 100.0 * (to - from) / (b.nanos - a.nanos);
    }

    double relayCorePercent() {
      return percentOfCore(a.relayCpu, b.relayCpu);
    }

    /** CPU of processes other than this JVM, in % of one core (from /proc/stat, 100 Hz ticks). */
    double othersCorePercent() {
      double machine = (b.machineBusyTicks - a.machineBusyTicks) / 100.0;
      double process = (b.processCpu - a.processCpu) / 1e9;
      return 100.0 * (machine - process) / wallSeconds();
    }

    boolean passes() {
      return r.lossPercent() < MAX_LOSS_PERCENT && r.latencyMillis(0.99) < MAX_P99_MILLIS;
    }

    String row(Step baseline) {
      String ratio =
          baseline == null || this == baseline
              ? "—"
              : fmt("%.1f×", cpuMicrosPerPacket() / baseline.cpuMicrosPerPacket());
      return fmt(
          "| %d | %s | %,.0f | %.3f | %.3f | %.2f | %.2f | %.2f | %s | %.1f | %.2f | %.1f |",
          calls,
          variant,
          relayed(),
          r.lossPercent(),
          100.0 * r.late / Math.max(1, r.sent),
          r.latencyMillis(0.5),
          r.latencyMillis(0.99),
          cpuMicrosPerPacket(),
          ratio,
          relayCorePercent(),
          relayCorePercent() * 100 / calls,
          percentOfCore(a.processCpu, b.processCpu));
    }

    String details() {
      return fmt(
          "| %d | %s | %,d | %,d | %.0f | %d / %d | %d | %.1f | %.1f | %.1f | %d / %d / %d |",
          calls,
          variant,
          r.sent,
          r.received,
          (b.relayAllocated - a.relayAllocated) / (double) Math.max(1, r.received),
          b.gcCount - a.gcCount,
          b.gcMillis - a.gcMillis,
          b.udpDrops - a.udpDrops,
          r.maxSendLagNanos / 1e6,
          percentOfCore(a.clientCpu, b.clientCpu),
          othersCorePercent(),
          r.misrouted,
          r.sendFailures,
          r.receiveFailures);
    }
  }

  private static String report(List<Step> steps, List<String> variants) {
    StringBuilder s = new StringBuilder();
    s.append("\n| Calls | Relay | Relayed packets/s | Loss % | Late % (> 60 ms) | p50 ms | p99 ms")
        .append(" | Relay CPU µs/packet | vs baseline | Relay CPU % of a core")
        .append(" | % of a core per 100 calls | Process CPU % of a core |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Step st : steps) {
      Step base =
          steps.stream()
              .filter(b -> b.variant.equals("baseline") && b.calls == st.calls)
              .findFirst()
              .orElse(null);
      s.append(st.row(base)).append('\n');
    }
    s.append("\n| Calls | Relay | Packets sent in window | Received | Relay threads' bytes")
        .append(" allocated/packet | GCs / ms | Kernel UDP RcvbufErrors | Client max send lag ms")
        .append(
            " | Load client CPU % | Other processes' CPU % | Misrouted / send / receive failures"
                + " |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    steps.forEach(st -> s.append(st.details()).append('\n'));
    s.append("\nMax calls with loss < ")
        .append(MAX_LOSS_PERCENT)
        .append(" % and p99 < ")
        .append((int) MAX_P99_MILLIS)
        .append(" ms (of the steps run):");
    for (String v : variants) {
      int max =
          steps.stream()
              .filter(st -> st.variant.equals(v) && st.passes())
              .mapToInt(Step::calls)
              .max()
              .orElse(0);
      s.append(' ').append(v).append(' ').append(max == 0 ? "none" : max).append(';');
    }
    return s.append('\n').toString();
  }

  private static String machine(Map<String, String> options) throws IOException {
    String load = Files.readString(Path.of("/proc/loadavg")).trim();
    return fmt(
        "Media relay benchmark: %d CPUs, Java %s (%s), %s %s; load average %s; options %s",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        load,
        options);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
