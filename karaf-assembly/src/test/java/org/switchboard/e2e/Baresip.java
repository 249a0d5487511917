package org.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * baresip (Debian's {@code baresip-core}), an independent SIP user agent, run headless as a desk
 * phone: its own temporary config directory ({@code -f}), SIP on a free loopback port, G.711, a WAV
 * file (a tone made with sox) as microphone, no sound device ({@code aubridge}), and the {@code
 * ctrl_tcp} module on a free port, over which this class reads baresip's events (netstring-framed
 * JSON: {@code REGISTER_OK}, {@code CALL_ESTABLISHED}, {@code CALL_CLOSED} ...) and sends commands
 * ({@code hangup}). Its life is bounded ({@code -t}); {@link #close} stops it by handle (SIGTERM so
 * it unregisters, SIGKILL if it does not go) and deletes the directory.
 *
 * <p>The account ({@code <sip:agent4@host:port>;auth_pass=...;answermode=auto;regint=300}) is
 * created with the {@code uanew} command once the control connection is up, not read from the
 * {@code accounts} file: baresip registers accounts from that file before {@code ctrl_tcp} even
 * listens, so the {@code REGISTER_OK} event would be lost. With {@code answermode=auto} baresip
 * 1.0.0 answers at once and sends no {@code CALL_INCOMING} event (only {@code CALL_ESTABLISHED}).
 */
final class Baresip implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path MODULES = Path.of("/usr/lib/baresip/modules");

  /** The SIP port (UDP and TCP) baresip listens on, 127.0.0.1. */
  final int sipPort;

  private final int ctrlPort;
  private final Path dir;
  private final Path log;
  private final Process process;
  private final AtomicInteger tokens = new AtomicInteger();
  private final List<JsonNode> messages = new ArrayList<>();
  private Socket control;
  private OutputStream out;
  private Thread reader;
  private String readerEnd;
  private int cursor;

  private Baresip(int sipPort, int ctrlPort, Path dir, Path log, Process process) {
    this.sipPort = sipPort;
    this.ctrlPort = ctrlPort;
    this.dir = dir;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts baresip for at most {@code lifeSeconds} and connects to its control port.
   *
   * @throws AssertionError if it does not come up within 20 s
   */
  static Baresip start(int lifeSeconds) throws IOException, InterruptedException {
    return start(lifeSeconds, 440, false);
  }

  /**
   * Starts baresip whose microphone is a sine of {@code toneHz}; with {@code record}, its {@code
   * sndfile} module writes what it hears ({@code dump-*-dec.wav}) and sends ({@code -enc.wav}) per
   * call into {@link #recordings}.
   */
  static Baresip start(int lifeSeconds, int toneHz, boolean record)
      throws IOException, InterruptedException {
    return start(lifeSeconds, wav -> sine(wav, toneHz), record);
  }

  /** What baresip's microphone plays: a WAV file the given action writes. */
  interface Microphone {
    void write(Path wav) throws IOException;
  }

  /**
   * Starts baresip whose microphone plays the WAV {@code microphone} writes (16-bit PCM, 8 kHz
   * mono, longer than the call: when it ends, baresip hangs up).
   */
  static Baresip start(int lifeSeconds, Microphone microphone, boolean record)
      throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(lifeSeconds, microphone, record);
      } catch (AssertionError e) {
        // Another process may take a free port between the check and baresip's bind.
        if (attempt == 3 || !String.valueOf(e.getMessage()).contains("Address already in use")) {
          throw e;
        }
      }
    }
  }

  private static Baresip startOnce(int lifeSeconds, Microphone microphone, boolean record)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("baresip-");
    Baresip b = null;
    try {
      Path wav = dir.resolve("microphone.wav");
      microphone.write(wav);
      int sipPort = freeUdpAndTcpPort();
      int ctrlPort = RunningDistribution.freePort();
      String config = config(sipPort, ctrlPort, wav);
      if (record) {
        Files.createDirectories(dir.resolve("recordings"));
        config += "module\t\t\tsndfile.so\nsnd_path\t\t" + dir.resolve("recordings") + "\n";
      }
      Files.writeString(dir.resolve("config"), config);
      Files.writeString(
          dir.resolve("accounts"),
          "# The account is created over ctrl_tcp (uanew) once the test is connected.\n");
      Files.writeString(dir.resolve("contacts"), "");
      Path log = dir.resolve("baresip.log");
      Process p =
          new ProcessBuilder(
                  "baresip", "-f", dir.toString(), "-t", String.valueOf(lifeSeconds), "-s")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      b = new Baresip(sipPort, ctrlPort, dir, log, p);
      b.connect(Duration.ofSeconds(20));
      return b;
    } catch (IOException | RuntimeException | Error e) {
      if (b != null) {
        b.close();
      } else {
        deleteTree(dir);
      }
      throw e;
    }
  }

  /** A 60 s sine (16-bit PCM: baresip 1.0.0's aufile reads no 32-bit samples). */
  private static void sine(Path wav, int hz) throws IOException {
    Tones.writeWav(wav, Tones.sine(60, hz));
  }

  private static String config(int sipPort, int ctrlPort, Path wav) {
    return String.join(
        "\n",
        "poll_method\t\tepoll",
        "sip_listen\t\t127.0.0.1:" + sipPort,
        "net_interface\t\t127.0.0.1",
        "call_local_timeout\t120",
        "call_max_calls\t\t4",
        "audio_player\t\taubridge,nowhere",
        "audio_alert\t\taubridge,nowhere",
        "audio_source\t\taufile," + wav,
        "module_path\t\t" + MODULES,
        "module\t\t\tg711.so",
        "module\t\t\taufile.so",
        "module\t\t\taubridge.so",
        "module_app\t\tmenu.so",
        "module_app\t\tctrl_tcp.so",
        "ctrl_tcp_listen\t\t127.0.0.1:" + ctrlPort,
        "");
  }

  /** Connects to ctrl_tcp (polling until it listens) and starts reading its messages. */
  private void connect(Duration timeout) {
    RunningDistribution.waitFor(
        timeout,
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError("baresip exited at start: " + tail());
          }
          try {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ctrlPort), 1000);
            control = s;
            return true;
          } catch (IOException e) {
            return false;
          }
        },
        "baresip's ctrl_tcp on 127.0.0.1:" + ctrlPort);
    try {
      out = control.getOutputStream();
      DataInputStream in = new DataInputStream(new BufferedInputStream(control.getInputStream()));
      reader = new Thread(() -> read(in), "baresip-ctrl-" + ctrlPort);
      reader.setDaemon(true);
      reader.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads netstrings ({@code <length>:<json>,}) until the connection ends. */
  private void read(DataInputStream in) {
    String end = "connection closed";
    try {
      while (true) {
        int length = 0;
        int c;
        while ((c = in.read()) != ':') {
          if (c == -1) {
            throw new EOFException();
          }
          if (c < '0' || c > '9') {
            throw new IOException("bad netstring length byte " + c);
          }
          length = length * 10 + (c - '0');
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        if (in.read() != ',') {
          throw new IOException("netstring without trailing comma");
        }
        JsonNode message = JSON.readTree(payload);
        synchronized (messages) {
          messages.add(message);
          messages.notifyAll();
        }
      }
    } catch (EOFException e) {
      end = "connection closed";
    } catch (IOException e) {
      end = "control connection: " + e;
    } finally {
      synchronized (messages) {
        readerEnd = end;
        messages.notifyAll();
      }
    }
  }

  /**
   * Creates and registers a user agent, e.g. {@code
   * <sip:agent4@127.0.0.1:5060>;auth_pass=agent4;answermode=auto;regint=300}.
   */
  JsonNode addAccount(String account) {
    JsonNode r = command("uanew", account, Duration.ofSeconds(10));
    if (!r.path("ok").asBoolean()) {
      throw new AssertionError("uanew failed: " + r + "\n" + tail());
    }
    return r;
  }

  /** Runs a baresip command (as on its console) and returns the response message. */
  JsonNode command(String command, String params, Duration timeout) {
    String token = "t" + tokens.incrementAndGet();
    ObjectNode cmd = JSON.createObjectNode();
    cmd.put("command", command);
    cmd.put("params", params);
    cmd.put("token", token);
    try {
      byte[] json = JSON.writeValueAsBytes(cmd);
      ByteArrayOutputStream frame = new ByteArrayOutputStream();
      frame.write((json.length + ":").getBytes(StandardCharsets.US_ASCII));
      frame.write(json);
      frame.write(',');
      synchronized (this) {
        out.write(frame.toByteArray());
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return awaitMessage(
            m -> m.path("response").asBoolean() && token.equals(m.path("token").asText()),
            0,
            timeout,
            "the response to " + command)
        .message;
  }

  /**
   * Waits for the next event of the given type after the last one awaited (events in between of
   * other types are passed over, and stay in {@link #events}).
   */
  JsonNode awaitEvent(String type, Duration timeout) {
    Found f =
        awaitMessage(
            m -> m.path("event").asBoolean() && type.equals(m.path("type").asText()),
            cursor,
            timeout,
            "event " + type);
    cursor = f.index + 1;
    return f.message;
  }

  /**
   * A phone's account line for {@link #addAccount}: it registers as {@code user} with {@code
   * password} at Switchboard's SIP port and answers calls at once.
   */
  static String account(int sipPort, String user, String password) {
    return "<sip:"
        + user
        + "@127.0.0.1:"
        + sipPort
        + ">;auth_pass="
        + password
        + ";answermode=auto;regint=300";
  }

  /** The call goes on for this long (a scenario step, not a wait for something to happen). */
  static void talkFor(long millis) {
    java.time.Instant from = java.time.Instant.now();
    RunningDistribution.waitFor(
        Duration.ofMillis(millis).plusSeconds(20),
        () -> Duration.between(from, java.time.Instant.now()).toMillis() > millis,
        millis + " ms of talk");
  }

  /** Every event so far, in order (for assertions and diagnostics). */
  List<JsonNode> events() {
    synchronized (messages) {
      return messages.stream()
          .filter(m -> m.path("event").asBoolean())
          .collect(Collectors.toList());
    }
  }

  private record Found(int index, JsonNode message) {}

  private Found awaitMessage(Predicate<JsonNode> match, int from, Duration timeout, String what) {
    Instant end = Instant.now().plus(timeout);
    synchronized (messages) {
      while (true) {
        for (int i = from; i < messages.size(); i++) {
          if (match.test(messages.get(i))) {
            return new Found(i, messages.get(i));
          }
        }
        long left = Duration.between(Instant.now(), end).toMillis();
        if (left <= 0 || readerEnd != null) {
          throw new AssertionError(
              (readerEnd != null ? "baresip " + readerEnd : "timed out")
                  + " waiting for "
                  + what
                  + " (after "
                  + timeout.toSeconds()
                  + " s); events: "
                  + events()
                  + "\n"
                  + tail());
        }
        try {
          messages.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted waiting for " + what, e);
        }
      }
    }
  }

  /**
   * The WAV files {@code sndfile} wrote so far whose name ends with {@code suffix} ({@code
   * dec.wav}: what baresip heard; {@code enc.wav}: what it sent), oldest first.
   */
  List<Path> recordings(String suffix) throws IOException {
    Path recordings = dir.resolve("recordings");
    if (!Files.isDirectory(recordings)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(recordings)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(suffix))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  /** The end of baresip's output (with {@code -s}, its SIP trace), colour codes removed. */
  String tail() {
    try {
      String all =
          Files.readString(log, StandardCharsets.ISO_8859_1)
              .replaceAll("\u001B\\[[0-9;]*m", "")
              .replaceAll(" {2,}", " ");
      return all.length() > 8000 ? all.substring(all.length() - 8000) : all;
    } catch (IOException e) {
      return "(no baresip output: " + e + ")";
    }
  }

  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        process.destroy(); // SIGTERM: baresip unregisters, then exits
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } finally {
      if (control != null) {
        try {
          control.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
      deleteTree(dir);
    }
  }

  /**
   * A loopback port free for both UDP and TCP, with the next port free for TCP too: baresip opens
   * UDP and TCP on sip_listen and SIP/TLS on the port after it.
   */
  private static int freeUdpAndTcpPort() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = RunningDistribution.freePort();
      try (DatagramSocket udp =
              new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
          ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
          ServerSocket tls = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no loopback port free for UDP and TCP");
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
