package org.switchboard.integration.erp;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.platform.camel.RouteFile;
import org.switchboard.platform.camel.RouteFiles;

/**
 * The admins' own integration routes: Camel YAML DSL files ({@code *.camel.yaml}: routes, route
 * templates, templated routes) in {@code <karaf.etc>/routes}, loaded into a Camel context of their
 * own whose {@code amqp} component reaches the broker with the core's events, so a route can
 * consume {@code amqp:topic:switchboard.events} and call any HTTP system. Files are validated and
 * hot-loaded by {@link RouteFiles}; a broken change keeps the previous routes in service. Kept
 * apart from the webhook and ticket routes, which an admin's file can never replace.
 */
@Component(service = AdminRoutes.class, configurationPid = "org.switchboard.integration.routes")
@Designate(ocd = AdminRoutes.Config.class)
public class AdminRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(AdminRoutes.class);

  /** Where the admins' route files are, PID {@code org.switchboard.integration.routes}. */
  @ObjectClassDefinition(
      name = "Switchboard integration routes",
      description = "Camel YAML DSL route files that admins drop into a directory.")
  public @interface Config {
    @AttributeDefinition(
        description =
            "Directory of *.camel.yaml files. Empty: routes under the Karaf etc directory.")
    String directory() default "";

    @AttributeDefinition(description = "Seconds between scans of the directory; 0 disables.")
    int scanSeconds() default 2;
  }

  private final CamelContext camel;
  private final RouteFiles files;
  private final ScheduledExecutorService scanner;

  /** Starts the context, loads the files and scans the directory every few seconds. */
  @Activate
  public AdminRoutes(@Reference IntegrationCamel integration, Config config) {
    this(integration.brokerUrl(), directory(config.directory()), config.scanSeconds());
  }

  /** Routes of {@code directory} on a context reaching {@code brokerUrl}. */
  public AdminRoutes(String brokerUrl, Path directory, int scanSeconds) {
    this.camel = IntegrationCamel.newContext("switchboard-routes", brokerUrl);
    this.files = new RouteFiles(camel, directory, "Integration", null);
    files.scan();
    LOG.info("Integration routes from {}: {}", directory, files.files());
    this.scanner =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "integration-route-scanner");
              t.setDaemon(true);
              return t;
            });
    if (scanSeconds > 0) {
      scanner.scheduleWithFixedDelay(this::scan, scanSeconds, scanSeconds, TimeUnit.SECONDS);
    }
  }

  private static Path directory(String configured) {
    return configured.isBlank()
        ? Path.of(System.getProperty("karaf.etc", "etc")).resolve("routes")
        : Path.of(configured);
  }

  /** Loads new and changed files now, unloads deleted ones; returns how each file stands. */
  public List<RouteFile> scan() {
    try {
      files.scan();
    } catch (RuntimeException e) {
      LOG.error("Scanning the integration routes failed; will try again", e);
    }
    return files.files();
  }

  /** How each file stands. */
  public List<RouteFile> files() {
    return files.files();
  }

  /** The directory read. */
  public Path directory() {
    return files.directory();
  }

  /** Whether a route is started, for the shell. */
  String status(String routeId) {
    return String.valueOf(camel.getRouteController().getRouteStatus(routeId));
  }

  @Deactivate
  public void close() {
    scanner.shutdownNow();
    files.close();
    camel.stop();
  }
}
