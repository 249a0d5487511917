package org.switchboard.channel.sip.internal;

import java.lang.annotation.Annotation;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/** The SIP endpoint on an in-memory H2 database and a free loopback port, wired by hand. */
final class TestSip implements AutoCloseable {
  final int port = freeUdpPort();
  final JdbcDataSource dataSource = new JdbcDataSource();
  final SipDatabase db;
  final SipEndpoint endpoint;

  TestSip() throws Exception {
    this(50, 200);
  }

  /** TLS settings for a test endpoint. */
  record Tls(int port, java.nio.file.Path keystore, String password) {}

  /** With TLS as well (see {@link Tls}). */
  TestSip(Tls tls) throws Exception {
    this(50, 200, tls);
  }

  /** With its own per-source rate (the replay test sends far more than a phone would). */
  TestSip(double requestsPerSecond, double burst) throws Exception {
    this(requestsPerSecond, burst, null);
  }

  private TestSip(double requestsPerSecond, double burst, Tls tls) throws Exception {
    dataSource.setURL("jdbc:h2:mem:sip-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    db =
        new SipDatabase(
            dataSource, new org.switchboard.platform.db.internal.FlywaySchemaMigrations());
    endpoint = new SipEndpoint(db, config(port, requestsPerSecond, burst, tls));
  }

  /** Stores a credential as SipCredentialsImpl does (without the agent lookup). */
  void credential(String agent, String password) {
    db.store.saveCredential(
        new SipStore.Credential(
            agent,
            "switchboard",
            Digest.ha1(Digest.Algorithm.MD5, agent, "switchboard", password),
            Digest.ha1(Digest.Algorithm.SHA_256, agent, "switchboard", password)),
        java.time.Instant.now());
  }

  @Override
  public void close() {
    endpoint.stop();
  }

  static int freeUdpPort() {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static int freeTcpPort() {
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static SipConfig config(int port, double rate, double burstSize) {
    return config(port, rate, burstSize, null);
  }

  /** With TLS on {@code tls.port} from {@code tls.keystore} when {@code tls} is given. */
  static SipConfig config(int port, double rate, double burstSize, Tls tls) {
    return new SipConfig() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return SipConfig.class;
      }

      @Override
      public String address() {
        return "127.0.0.1";
      }

      @Override
      public int port() {
        return port;
      }

      @Override
      public String[] transports() {
        return tls == null ? new String[] {"udp", "tcp"} : new String[] {"udp", "tcp", "tls"};
      }

      @Override
      public int tlsPort() {
        return tls == null ? 5061 : tls.port();
      }

      @Override
      public String tlsKeystore() {
        return tls == null ? "" : tls.keystore().toString();
      }

      @Override
      public String tlsKeystorePassword() {
        return tls == null ? "" : tls.password();
      }

      @Override
      public String tlsKeystoreType() {
        return "PKCS12";
      }

      @Override
      public String tlsClientAuth() {
        return "Disabled";
      }

      @Override
      public String realm() {
        return "switchboard";
      }

      @Override
      public String[] digestAlgorithms() {
        return new String[] {"MD5", "SHA-256"};
      }

      @Override
      public int nonceSeconds() {
        return 30;
      }

      @Override
      public int minExpires() {
        return 60;
      }

      @Override
      public int maxExpires() {
        return 3600;
      }

      @Override
      public int maxContactsPerAgent() {
        return 5;
      }

      @Override
      public double requestsPerSecond() {
        return rate;
      }

      @Override
      public double burst() {
        return burstSize;
      }

      @Override
      public int maxAuthFailures() {
        return 3;
      }

      @Override
      public int failureWindowSeconds() {
        return 300;
      }

      @Override
      public int lockoutSeconds() {
        return 900;
      }

      @Override
      public int udpBufferBytes() {
        return 1 << 20;
      }

      @Override
      public int threads() {
        return 4;
      }

      @Override
      public String advertisedHost() {
        return "";
      }

      @Override
      public String[] routes() {
        return new String[] {"100=queue:support"};
      }

      @Override
      public String defaultRegion() {
        return "DE";
      }

      @Override
      public String[] trunkSources() {
        return new String[] {"127.0.0.1"};
      }

      @Override
      public int maxCalls() {
        return 100;
      }

      @Override
      public int callThreads() {
        return 4;
      }

      @Override
      public int maxRoutingLagMillis() {
        return 2000;
      }

      @Override
      public int keepAliveSeconds() {
        return 0;
      }

      @Override
      public String outboundTrunk() {
        return "";
      }

      @Override
      public String outboundCallerId() {
        return "";
      }

      @Override
      public int outboundRingSeconds() {
        return 25;
      }

      @Override
      public String[] outboundPrefixes() {
        return new String[0];
      }

      @Override
      public String outboundTrunkUser() {
        return "";
      }

      @Override
      public String outboundTrunkPassword() {
        return "";
      }

      @Override
      public String queueMedia() {
        return "early";
      }

      @Override
      public String musicOnHold() {
        return "music-on-hold";
      }

      @Override
      public String[] queueGreetings() {
        return new String[0];
      }

      @Override
      public String flowFallbackQueue() {
        return "support";
      }

      @Override
      public int positionAnnouncementSeconds() {
        return 30;
      }

      @Override
      public String positionAnnouncement() {
        return "You are number {position} in line.";
      }

      @Override
      public String announcementLanguage() {
        return "en";
      }

      @Override
      public String waitAnnouncement() {
        return "Your expected wait is about {wait}.";
      }

      @Override
      public String[] callbackQueues() {
        return new String[0];
      }

      @Override
      public int callbackAttempts() {
        return 3;
      }

      @Override
      public int callbackRetrySeconds() {
        return 600;
      }

      @Override
      public String callbackDigit() {
        return "1";
      }

      @Override
      public String callbackOffer() {
        return "Press {digit} to be called back.";
      }

      @Override
      public String callbackConfirmation() {
        return "We will call you back.";
      }

      @Override
      public String[] voicemailQueues() {
        return new String[0];
      }

      @Override
      public int voicemailMaxSeconds() {
        return 120;
      }

      @Override
      public String voicemailGreeting() {
        return "Leave a message.";
      }

      @Override
      public String recordingPauseKey() {
        return "*";
      }

      @Override
      public String voicemailThanks() {
        return "Thanks.";
      }
    };
  }
}
