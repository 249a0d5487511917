package org.switchboard.flow.impl.camel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.flow.api.DataDip;

/**
 * Owns the Camel context of the data dip routes: loads {@code <karaf.etc>/dips/*.camel.yaml},
 * rescans every few seconds (changed files are reloaded, broken ones logged and skipped) and
 * registers one {@link DataDip} service per {@code direct:dip-<name>} route, with {@code
 * dip.name=<name>}. A configuration change restarts the context.
 */
@Component(immediate = true, configurationPid = "org.switchboard.flow.dips")
@Designate(ocd = CamelDataDips.Config.class)
public class CamelDataDips {
  private static final Logger LOG = LoggerFactory.getLogger(CamelDataDips.class);

  /** Configuration of the dip routes, PID {@code org.switchboard.flow.dips}. */
  @ObjectClassDefinition(
      name = "Switchboard data dip routes",
      description = "Camel YAML DSL routes whose direct:dip-<name> endpoints become data dips.")
  public @interface Config {
    @AttributeDefinition(
        description =
            "Directory of *.camel.yaml route files. Empty: dips under the Karaf etc directory.")
    String directory() default "";

    @AttributeDefinition(description = "Seconds between scans of the directory; 0 disables.")
    int scanSeconds() default 2;

    @AttributeDefinition(
        description =
            "Longest a lookup may take, in milliseconds (flows' data nodes usually time out first).")
    long timeoutMillis() default 10000;

    @AttributeDefinition(description = "Most lookups running at once.")
    int threads() default 4;
  }

  private final CamelDipRoutes routes;
  private final ScheduledExecutorService scanner;

  /** Starts the context and loads the route files. */
  @Activate
  public CamelDataDips(BundleContext bundle, Config config) {
    Path directory =
        config.directory().isBlank()
            ? Path.of(System.getProperty("karaf.etc", "etc")).resolve("dips")
            : Path.of(config.directory());
    this.routes =
        new CamelDipRoutes(
            directory,
            Duration.ofMillis(Math.max(1, config.timeoutMillis())),
            Math.max(1, config.threads()),
            (name, dip) -> register(bundle, name, dip));
    routes.scan();
    LOG.info("Data dip routes from {}: {}", directory, routes.dipNames());
    this.scanner =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "flow-dip-scanner");
              t.setDaemon(true);
              return t;
            });
    if (config.scanSeconds() > 0) {
      scanner.scheduleWithFixedDelay(
          this::scan, config.scanSeconds(), config.scanSeconds(), TimeUnit.SECONDS);
    }
  }

  private void scan() {
    try {
      routes.scan();
    } catch (RuntimeException e) {
      LOG.error("Scanning the dip routes failed; will try again", e);
    }
  }

  private static Runnable register(BundleContext bundle, String name, DataDip dip) {
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put(DataDip.NAME_PROPERTY, name);
    properties.put("service.description", "Camel route direct:dip-" + name);
    ServiceRegistration<DataDip> registration =
        bundle.registerService(DataDip.class, dip, properties);
    return () -> {
      try {
        registration.unregister();
      } catch (IllegalStateException e) {
        LOG.debug("Data dip {} was already unregistered", name);
      }
    };
  }

  @Deactivate
  void deactivate() {
    scanner.shutdownNow();
    routes.close();
  }
}
