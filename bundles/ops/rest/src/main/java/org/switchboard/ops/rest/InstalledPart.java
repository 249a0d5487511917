package org.switchboard.ops.rest;

/**
 * Service that {@link OptionalResources} registers, once per optional part's API package this
 * bundle is wired to. A resource of an optional part holds it as a mandatory reference filtered by
 * package, so its component is satisfied (and its class loaded) only where the package is there;
 * the marker never changes while this bundle runs, so the resource never comes and goes with it.
 */
final class InstalledPart {
  /** Service property: the API package that is installed. */
  static final String PACKAGE = "switchboard.rest.installed";

  static final String SIP = "(" + PACKAGE + "=org.switchboard.channel.sip.api)";
  static final String MEDIA = "(" + PACKAGE + "=org.switchboard.media.api)";
  static final String RECORDING = "(" + PACKAGE + "=org.switchboard.recording.api)";
  static final String CRM = "(" + PACKAGE + "=org.switchboard.crm.api)";
  static final String REPORTS = "(" + PACKAGE + "=org.switchboard.reports.api)";
}
