package org.switchboard.ops.rest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enables the resources of optional parts (SIP, recordings, CRM, reports) where their API packages
 * are installed.
 *
 * <p>This bundle imports those packages optionally, so it runs without them; a resource whose
 * package is not wired could not even be loaded. The resources are therefore disabled by default
 * and enabled here, once, at start: from then on they stay registered while the parts' services
 * come and go (see {@link Capability}). Installing a part later rewires this bundle, which starts
 * it again and so runs this again.
 */
@Component(immediate = true)
public class OptionalResources {
  private static final Logger LOG = LoggerFactory.getLogger(OptionalResources.class);
  private static final String PREFIX = "org.switchboard.ops.rest.";
  private static final String SIP = "org.switchboard.channel.sip.api";
  private static final String MEDIA = "org.switchboard.media.api";
  private static final String RECORDING = "org.switchboard.recording.api";
  private static final String CRM = "org.switchboard.crm.api";
  private static final String REPORTS = "org.switchboard.reports.api";

  /** Each optional resource's component name (its class) and the packages it needs. */
  static final Map<String, List<String>> NEEDS =
      Map.of(
          PREFIX + "SipResource", List.of(SIP),
          PREFIX + "MonitorResource", List.of(SIP, MEDIA),
          PREFIX + "RecordingResource", List.of(RECORDING),
          PREFIX + "LiveRecordingResource", List.of(RECORDING),
          PREFIX + "CustomerResource", List.of(CRM),
          PREFIX + "ScreenPopResource", List.of(CRM),
          PREFIX + "ReportResource", List.of(REPORTS),
          PREFIX + "WallboardResource", List.of(REPORTS));

  @Activate
  void activate(ComponentContext context) {
    Set<String> wired = wiredPackages(context.getBundleContext().getBundle());
    NEEDS.forEach(
        (component, packages) -> {
          List<String> missing = packages.stream().filter(p -> !wired.contains(p)).toList();
          if (missing.isEmpty()) {
            context.enableComponent(component);
          } else {
            LOG.info("{} is off: {} not installed", component, missing);
          }
        });
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
