package org.switchboard.ops.webconsole;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.channel.spi.ChannelPlugin;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.health.HealthIndicator;
import org.switchboard.reports.api.Report;

/**
 * The framework as the Plugins page sees it: the installed bundles as {@link PluginBundle}s and the
 * changes the page makes to them. Bundle changes run on the caller's thread, as Karaf's {@code
 * bundle:*} commands do; a {@link BundleException} becomes a {@link SwitchboardException} whose
 * message the page shows.
 */
final class PluginBundles {
  private static final Logger LOG = LoggerFactory.getLogger(PluginBundles.class);
  private static final String[] STATES = {
    "UNINSTALLED", "INSTALLED", "RESOLVED", "STARTING", "STOPPING", "ACTIVE"
  };

  private final BundleContext context;

  PluginBundles(BundleContext context) {
    this.context = context;
  }

  /** The id of the bundle serving the page. */
  long consoleId() {
    return context.getBundle().getBundleId();
  }

  /** Every installed bundle. */
  List<PluginBundle> all() {
    return Arrays.stream(context.getBundles()).map(this::facts).toList();
  }

  /** The ids of every installed bundle. */
  Set<Long> ids() {
    return Arrays.stream(context.getBundles()).map(Bundle::getBundleId).collect(Collectors.toSet());
  }

  /** The bundle with this id, as it is now. */
  PluginBundle find(long id) {
    return facts(bundle(id));
  }

  /** Applies {@code action} to the bundle and answers it as it is afterwards. */
  PluginBundle apply(PluginRules.Action action, long id) {
    Bundle bundle = bundle(id);
    try {
      switch (action) {
        case START -> bundle.start();
        case STOP -> bundle.stop();
        case UPDATE -> bundle.update();
        case RESTART -> {
          bundle.stop();
          bundle.start();
        }
      }
    } catch (BundleException | IllegalStateException | SecurityException e) {
      throw new SwitchboardException(
          "could not " + action.id() + " " + facts(bundle).label() + ": " + message(e), e);
    }
    return facts(bundle);
  }

  private Bundle bundle(long id) {
    Bundle bundle = context.getBundle(id);
    if (bundle == null) {
      throw new NotFoundException("bundle", String.valueOf(id));
    }
    return bundle;
  }

  private PluginBundle facts(Bundle b) {
    int state = Integer.numberOfTrailingZeros(b.getState());
    return new PluginBundle(
        b.getBundleId(),
        b.getSymbolicName(),
        b.getHeaders().get(Constants.BUNDLE_NAME),
        String.valueOf(b.getVersion()),
        state < STATES.length ? STATES[state] : "UNKNOWN",
        b.getLocation(),
        b.getLastModified() > 0 ? Instant.ofEpochMilli(b.getLastModified()) : null,
        b.getHeaders().get(Constants.FRAGMENT_HOST) != null,
        services(b),
        declared(b));
  }

  private List<PluginBundle.Service> services(Bundle b) {
    ServiceReference<?>[] refs;
    try {
      refs = b.getRegisteredServices();
    } catch (IllegalStateException uninstalled) {
      refs = null;
    }
    if (refs == null) {
      return List.of();
    }
    List<PluginBundle.Service> services = new ArrayList<>();
    for (ServiceReference<?> ref : refs) {
      List<String> objectClass = List.of((String[]) ref.getProperty(Constants.OBJECTCLASS));
      if (objectClass.stream().noneMatch(t -> PluginSpi.of(t).isPresent())) {
        continue;
      }
      Map<String, Object> properties = new HashMap<>();
      for (PluginSpi spi : PluginSpi.values()) {
        spi.nameProperty()
            .ifPresent(
                p -> Optional.ofNullable(ref.getProperty(p)).ifPresent(v -> properties.put(p, v)));
      }
      Map<String, String> told = new HashMap<>();
      ask(ref, objectClass, ChannelPlugin.class, p -> p.channelType().id(), told);
      ask(ref, objectClass, Report.class, r -> r.definition().id(), told);
      ask(ref, objectClass, HealthIndicator.class, HealthIndicator::component, told);
      services.add(new PluginBundle.Service(objectClass, properties, told));
    }
    return services;
  }

  /**
   * Asks a service its name, when it is registered under {@code type} and this bundle sees the same
   * {@code type} class (a plugin wired to another version of the SPI is not asked).
   */
  private <T> void ask(
      ServiceReference<?> ref,
      List<String> objectClass,
      Class<T> type,
      Function<T, String> question,
      Map<String, String> told) {
    if (!objectClass.contains(type.getName())
        || !ref.isAssignableTo(context.getBundle(), type.getName())) {
      return;
    }
    Object service = context.getService(ref);
    if (service == null) {
      return;
    }
    try {
      String name = question.apply(type.cast(service));
      if (name != null) {
        told.put(type.getName(), name);
      }
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("{} {} did not say its name", type.getSimpleName(), ref, e);
    } finally {
      context.ungetService(ref);
    }
  }

  /** The {@code osgi.service} interfaces the bundle declares, running or not. */
  private static List<String> declared(Bundle b) {
    BundleRevision revision = b.adapt(BundleRevision.class);
    if (revision == null) {
      return List.of();
    }
    List<String> declared = new ArrayList<>();
    for (BundleCapability c : revision.getDeclaredCapabilities("osgi.service")) {
      Object types = c.getAttributes().get(Constants.OBJECTCLASS);
      if (types instanceof List<?> list) {
        list.forEach(t -> declared.add(String.valueOf(t)));
      } else if (types instanceof String[] array) {
        declared.addAll(List.of(array));
      } else if (types != null) {
        declared.addAll(List.of(String.valueOf(types).split("\\s*,\\s*")));
      }
    }
    return declared;
  }

  static String message(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
