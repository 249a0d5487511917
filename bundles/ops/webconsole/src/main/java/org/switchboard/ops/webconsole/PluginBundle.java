package org.switchboard.ops.webconsole;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the Plugins page knows about one installed bundle, copied out of the framework so that the
 * rules about it can be tested without OSGi.
 *
 * @param id the bundle id; 0 is the framework
 * @param symbolicName {@code Bundle-SymbolicName}, may be null for a bundle without one
 * @param name {@code Bundle-Name}, may be null
 * @param version the bundle version
 * @param state {@code INSTALLED}, {@code RESOLVED}, {@code STARTING}, {@code STOPPING}, {@code
 *     ACTIVE} or {@code UNINSTALLED}
 * @param location where the bundle was installed from; {@code update} reads it again
 * @param lastModified when the bundle was installed or last updated
 * @param fragment whether it is a fragment (it cannot be started or stopped)
 * @param services the services it registers now
 * @param declared interfaces it declares in {@code Provide-Capability: osgi.service} (bnd writes
 *     them for DS components), so a stopped plugin is still recognised
 */
record PluginBundle(
    long id,
    String symbolicName,
    String name,
    String version,
    String state,
    String location,
    Instant lastModified,
    boolean fragment,
    List<Service> services,
    List<String> declared) {

  PluginBundle {
    services = services == null ? List.of() : List.copyOf(services);
    declared = declared == null ? List.of() : List.copyOf(declared);
  }

  /** The symbolic name, or {@code bundle <id>} when the bundle has none. */
  String label() {
    return symbolicName == null ? "bundle " + id : symbolicName;
  }

  /**
   * A service the bundle registers.
   *
   * @param objectClass the interfaces it is registered under
   * @param properties its properties (only those of interest need be copied)
   * @param told what the service said its name is when asked, by interface (a channel's type, a
   *     report's id, a health indicator's component); empty when it was not asked or could not be
   */
  record Service(
      List<String> objectClass, Map<String, Object> properties, Map<String, String> told) {
    Service {
      objectClass = objectClass == null ? List.of() : List.copyOf(objectClass);
      properties = properties == null ? Map.of() : Map.copyOf(properties);
      told = told == null ? Map.of() : Map.copyOf(told);
    }
  }
}
