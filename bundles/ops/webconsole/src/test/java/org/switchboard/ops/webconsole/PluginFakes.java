package org.switchboard.ops.webconsole;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/**
 * Small fakes of the framework, built with {@link Proxy} (requests and answers are {@link
 * ConsoleExchange}s).
 */
final class PluginFakes {
  private PluginFakes() {}

  /** An implementation of {@code type} answering {@code answers} by method name. */
  static <T> T service(Class<T> type, Map<String, Object> answers) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (p, m, args) -> {
              if (!answers.containsKey(m.getName())) {
                throw new UnsupportedOperationException(m.getName());
              }
              return answers.get(m.getName());
            }));
  }

  /** A plain bundle for the catalog and the rules. */
  static PluginBundle bundle(long id, String sn, String state, PluginBundle.Service... services) {
    return new PluginBundle(
        id,
        sn,
        sn,
        "1.0.0",
        state,
        "mvn:acme/" + sn + "/1.0.0",
        Instant.parse("2026-01-01T00:00:00Z"),
        false,
        List.of(services),
        List.of());
  }

  static PluginBundle.Service service(String type, Map<String, Object> properties) {
    return new PluginBundle.Service(List.of(type), properties, Map.of());
  }

  static PluginBundle.Service told(String type, String name) {
    return new PluginBundle.Service(List.of(type), Map.of(), Map.of(type, name));
  }

  /** A bundle in a fake framework: start, stop and update change its state and record the call. */
  static final class FakeBundle {
    final long id;
    final String symbolicName;
    int state;
    String version = "1.0.0";
    String failWith;
    final List<String> calls = new ArrayList<>();
    final List<ServiceReference<?>> services = new ArrayList<>();
    final Map<ServiceReference<?>, Object> objects = new LinkedHashMap<>();

    FakeBundle(long id, String symbolicName, int state) {
      this.id = id;
      this.symbolicName = symbolicName;
      this.state = state;
    }

    Bundle proxy() {
      return (Bundle)
          Proxy.newProxyInstance(
              Bundle.class.getClassLoader(),
              new Class<?>[] {Bundle.class},
              (p, m, args) ->
                  switch (m.getName()) {
                    case "getBundleId" -> id;
                    case "getSymbolicName" -> symbolicName;
                    case "getState" -> state;
                    case "getVersion" -> Version.parseVersion(version);
                    case "getLocation" -> "mvn:acme/" + symbolicName + "/" + version;
                    case "getLastModified" -> 1_767_225_600_000L;
                    case "getHeaders" -> new Hashtable<>(Map.of("Bundle-Name", symbolicName));
                    case "getRegisteredServices" ->
                        services.isEmpty() ? null : services.toArray(ServiceReference<?>[]::new);
                    case "adapt" -> null;
                    case "start", "stop", "update" -> act(m.getName());
                    case "hashCode" -> (int) id;
                    case "equals" -> p == args[0];
                    case "toString" -> symbolicName + " [" + id + "]";
                    default -> throw new UnsupportedOperationException(m.getName());
                  });
    }

    /** Registers {@code service} under {@code types} with {@code properties}. */
    FakeBundle register(Object service, Map<String, Object> properties, String... types) {
      Map<String, Object> all = new HashMap<>(properties);
      all.put("objectClass", types);
      ServiceReference<?> ref =
          (ServiceReference<?>)
              Proxy.newProxyInstance(
                  ServiceReference.class.getClassLoader(),
                  new Class<?>[] {ServiceReference.class},
                  (p, m, args) ->
                      switch (m.getName()) {
                        case "getProperty" -> all.get((String) args[0]);
                        case "getBundle" -> proxy();
                        case "isAssignableTo" -> true;
                        case "hashCode" -> System.identityHashCode(p);
                        case "equals" -> p == args[0];
                        case "toString" -> "service of " + symbolicName;
                        default -> throw new UnsupportedOperationException(m.getName());
                      });
      services.add(ref);
      objects.put(ref, service);
      return this;
    }

    private Object act(String call) throws BundleException {
      if (failWith != null) {
        throw new BundleException(failWith);
      }
      calls.add(call);
      state = "stop".equals(call) ? Bundle.RESOLVED : Bundle.ACTIVE;
      if ("update".equals(call)) {
        version = "1.0.1";
      }
      return null;
    }
  }

  /** A framework holding {@code bundles}; the first one serves the page. */
  static BundleContext context(Path data, FakeBundle console, FakeBundle... others) {
    Map<Long, FakeBundle> all = new LinkedHashMap<>();
    all.put(console.id, console);
    for (FakeBundle b : others) {
      all.put(b.id, b);
    }
    return (BundleContext)
        Proxy.newProxyInstance(
            BundleContext.class.getClassLoader(),
            new Class<?>[] {BundleContext.class},
            (p, m, args) ->
                switch (m.getName()) {
                  case "getBundle" ->
                      args == null
                          ? console.proxy()
                          : all.containsKey((Long) args[0])
                              ? all.get((Long) args[0]).proxy()
                              : null;
                  case "getBundles" ->
                      all.values().stream().map(FakeBundle::proxy).toArray(Bundle[]::new);
                  case "getProperty" -> "karaf.data".equals(args[0]) ? data.toString() : null;
                  case "getServiceReferences" ->
                      all.values().stream()
                          .flatMap(b -> b.services.stream())
                          .filter(
                              r ->
                                  List.of((String[]) r.getProperty("objectClass"))
                                      .contains(((Class<?>) args[0]).getName()))
                          .toList();
                  case "getService" ->
                      all.values().stream()
                          .map(b -> b.objects.get(args[0]))
                          .filter(java.util.Objects::nonNull)
                          .findFirst()
                          .orElse(null);
                  case "ungetService" -> true;
                  case "hashCode" -> 1;
                  case "equals" -> p == args[0];
                  case "toString" -> "fake context";
                  default -> throw new UnsupportedOperationException(m.getName());
                });
  }
}
