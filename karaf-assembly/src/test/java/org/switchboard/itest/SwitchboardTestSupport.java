package org.switchboard.itest;

import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.inject.Inject;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Base of Switchboard's Pax Exam tests: boots the distribution built by this module (target/*.zip,
 * unpacked under target/exam) on free loopback ports, with the JDK 17 flags that bin/karaf adds
 * (stack.md pitfall 8). Subclasses add {@code @RunWith(PaxExam.class)} and
 * {@code @ExamReactorStrategy(PerClass.class)}; their test methods run inside Karaf.
 *
 * <p>The ports are chosen when the container is configured and handed to the container as system
 * properties ({@link #HTTP_PORT}, {@link #ARTEMIS_CORE_PORT}, ...), so test code reads them with
 * {@link #port(String)}. Demo mode is on in tests: system property {@code switchboard.demo=true}
 * (an environment variable cannot be set for the forked JVM).
 */
public abstract class SwitchboardTestSupport {

  /** System properties (inside the container) holding the ports of this run. */
  public static final String HTTP_PORT = "switchboard.itest.http.port";

  public static final String SSH_PORT = "switchboard.itest.ssh.port";
  public static final String SIP_PORT = "switchboard.itest.sip.port";
  public static final String ARTEMIS_CORE_PORT = "switchboard.artemis.core.port";
  public static final String ARTEMIS_AMQP_PORT = "switchboard.artemis.amqp.port";
  public static final String ARTEMIS_MQTT_PORT = "switchboard.artemis.mqtt.port";

  /** Default for every wait in a test. */
  protected static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Inject protected BundleContext bundleContext;

  @Configuration
  public Option[] config() {
    String distribution = requiredProperty("switchboard.distribution");
    String localRepository =
        System.getProperty(
            "switchboard.maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
    String karafVersion = requiredProperty("switchboard.karaf.version");
    String http = freePort();
    String ssh = freePort();

    List<Option> options = new ArrayList<>();
    options.add(
        karafDistributionConfiguration()
            .frameworkUrl(new File(distribution).toURI().toString())
            .karafVersion(karafVersion)
            .name("Switchboard")
            .unpackDirectory(new File("target/exam"))
            .useDeployFolder(false));
    options.add(configureConsole().ignoreLocalConsole().ignoreRemoteShell());
    options.add(logLevel(LogLevel.INFO));
    // Pax Exam's own features resolve from the local Maven repository of this build.
    options.add(
        editConfigurationFilePut(
            "etc/org.ops4j.pax.url.mvn.cfg",
            "org.ops4j.pax.url.mvn.localRepository",
            localRepository));
    // Free ports: several test runs (and a running appliance) may share the machine.
    options.add(
        editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", http));
    options.add(editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", ssh));
    options.add(
        editConfigurationFilePut(
            "etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort()));
    options.add(
        editConfigurationFilePut(
            "etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort()));
    options.add(systemProperty(HTTP_PORT, http));
    options.add(systemProperty(SSH_PORT, ssh));
    // etc/artemis.xml reads its acceptor ports from these system properties; the broker bundle's
    // client is pointed at the CORE one.
    String core = freePort();
    options.add(systemProperty(ARTEMIS_CORE_PORT, core));
    options.add(
        editConfigurationFilePut(
            "etc/org.switchboard.platform.broker.cfg", "url", "tcp://127.0.0.1:" + core));
    options.add(systemProperty(ARTEMIS_AMQP_PORT, freePort()));
    options.add(systemProperty(ARTEMIS_MQTT_PORT, freePort()));
    // The SIP channel on loopback and a free port (UDP and TCP share it).
    String sip = freePort();
    options.add(systemProperty(SIP_PORT, sip));
    options.add(
        editConfigurationFilePut("etc/org.switchboard.channel.sip.cfg", "address", "127.0.0.1"));
    options.add(editConfigurationFilePut("etc/org.switchboard.channel.sip.cfg", "port", sip));
    options.add(systemProperty("switchboard.demo", "true"));
    // Pax Exam gives the container 10 s to offer its probe invoker, which is installed with the
    // features: on a loaded machine that is too short, and the test then hangs, never started.
    options.add(
        systemProperty("org.ops4j.pax.exam.raw.extender.intern.Parser.DEFAULT_TIMEOUT", "300000"));
    options.add(systemProperty("pax.exam.service.timeout", "120000"));
    options.add(vmOptions(java17Options()));
    options.addAll(List.of(additionalOptions()));
    return options.toArray(new Option[0]);
  }

  /** Extra options of a subclass (features, config), added after the defaults. */
  protected Option[] additionalOptions() {
    return new Option[0];
  }

  /** A system property of the container, written to etc/system.properties. */
  protected static Option systemProperty(String key, String value) {
    return editConfigurationFilePut("etc/system.properties", key, value);
  }

  /** A port chosen for this run (see the constants), read inside the container. */
  protected static int port(String property) {
    return Integer.parseInt(requiredProperty(property));
  }

  /**
   * Waits until {@code condition} holds, polling with a growing pause.
   *
   * @throws AssertionError naming {@code what} when the timeout passes first
   */
  public static void waitFor(Duration timeout, Supplier<Boolean> condition, String what) {
    Instant end = Instant.now().plus(timeout);
    long pauseMillis = 20;
    while (!Boolean.TRUE.equals(condition.get())) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError(
            "timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
      pauseMillis = Math.min(pauseMillis * 2, 500);
    }
  }

  /**
   * The service of the given type (and LDAP filter, may be null), waiting up to {@code timeout}.
   */
  protected <T> T getService(Class<T> type, String filter, Duration timeout) {
    String spec = "(objectClass=" + type.getName() + ")";
    if (filter != null && !filter.isBlank()) {
      spec = "(&" + spec + filter + ")";
    }
    BundleContext context = context();
    Filter osgiFilter;
    try {
      osgiFilter = context.createFilter(spec);
    } catch (InvalidSyntaxException e) {
      throw new IllegalArgumentException("bad filter " + spec, e);
    }
    ServiceTracker<T, T> tracker = new ServiceTracker<>(context, osgiFilter, null);
    tracker.open();
    try {
      T service = tracker.waitForService(timeout.toMillis());
      if (service == null) {
        throw new AssertionError("no service " + spec + " within " + timeout.toSeconds() + " s");
      }
      return service;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + spec, e);
    } finally {
      // The service object stays usable; the test does not keep the tracker.
      tracker.close();
    }
  }

  /** Like {@link #getService(Class, String, Duration)} with the default {@link #TIMEOUT}. */
  /** The installed bundle with this symbolic name. */
  protected Bundle bundle(String symbolicName) {
    for (Bundle b : bundleContext.getBundles()) {
      if (symbolicName.equals(b.getSymbolicName())) {
        return b;
      }
    }
    throw new AssertionError("bundle " + symbolicName + " not installed");
  }

  protected <T> T getService(Class<T> type, String filter) {
    return getService(type, filter, TIMEOUT);
  }

  private BundleContext context() {
    return bundleContext != null
        ? bundleContext
        : FrameworkUtil.getBundle(getClass()).getBundleContext();
  }

  /** The flags bin/karaf passes on Java 17 (Pax Exam 4.14 does not add them: pitfall 8). */
  private static String[] java17Options() {
    String version = requiredProperty("switchboard.karaf.version");
    return new String[] {
      "--add-reads=java.xml=java.logging",
      "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
      "--patch-module",
      "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + version + ".jar",
      "--patch-module",
      "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + version + ".jar",
      "--add-opens",
      "java.base/java.security=ALL-UNNAMED",
      "--add-opens",
      "java.base/java.net=ALL-UNNAMED",
      "--add-opens",
      "java.base/java.lang=ALL-UNNAMED",
      "--add-opens",
      "java.base/java.util=ALL-UNNAMED",
      "--add-opens",
      "java.naming/javax.naming.spi=ALL-UNNAMED",
      "--add-opens",
      "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
      "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
      "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
      "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
      "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
      "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
      "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
      "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
      "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
      "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
      "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
      "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
      // Same as bin/setenv: the Aries JAX-RS API bundle embeds a jar that Java 17.0.8+ rejects.
      "-Djdk.util.zip.disableZip64ExtraFieldValidation=true",
      "-Xmx1g"
    };
  }

  private static String freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return String.valueOf(socket.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String requiredProperty(String key) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property " + key + " is not set (run the tests with mvn verify)");
    }
    return value;
  }
}
