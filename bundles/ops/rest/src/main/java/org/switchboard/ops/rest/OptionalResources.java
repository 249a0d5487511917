package org.switchboard.ops.rest;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the resources of optional parts (SIP, media, recordings, CRM, reports) start where their API
 * packages are installed, by registering an {@link InstalledPart} for each wired one.
 *
 * <p>This bundle imports those packages optionally, so it runs without them; a resource whose
 * package is not wired could not even be loaded. The wiring is fixed while the bundle runs
 * (installing a part rewires and so restarts this bundle), so the markers, and with them the
 * resources, stay registered while the parts' services come and go (see {@link Capability}). The
 * markers are registered here, in this component's activation on the thread starting the bundle, so
 * the resources register there too, one after another, as all the others do.
 */
@Component(immediate = true)
public class OptionalResources {
  private static final Logger LOG = LoggerFactory.getLogger(OptionalResources.class);

  /** The optional parts' API packages, as the {@link InstalledPart} filters name them. */
  static final List<String> PACKAGES =
      List.of(
          "org.switchboard.channel.sip.api",
          "org.switchboard.media.api",
          "org.switchboard.recording.api",
          "org.switchboard.crm.api",
          "org.switchboard.reports.api");

  private final List<ServiceRegistration<InstalledPart>> registrations = new ArrayList<>();

  @Activate
  void activate(BundleContext context) {
    Set<String> wired = wiredPackages(context.getBundle());
    for (String p : PACKAGES) {
      if (wired.contains(p)) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(InstalledPart.PACKAGE, p);
        registrations.add(context.registerService(InstalledPart.class, new InstalledPart(), props));
      } else {
        LOG.info("{} is not installed: its REST resources are off", p);
      }
    }
  }

  @Deactivate
  void deactivate() {
    registrations.forEach(ServiceRegistration::unregister);
    registrations.clear();
  }

  /** The packages this bundle imports from others as it is wired now. */
  static Set<String> wiredPackages(Bundle bundle) {
    return bundle
        .adapt(BundleWiring.class)
        .getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)
        .stream()
        .map(
            w -> (String) w.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))
        .collect(Collectors.toSet());
  }
}
