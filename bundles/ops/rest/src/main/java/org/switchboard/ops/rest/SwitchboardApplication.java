package org.switchboard.ops.rest;

import javax.ws.rs.core.Application;
import org.osgi.service.component.annotations.Component;

/** The JAX-RS application at {@code /api}; resources and extensions of this bundle select it. */
@Component(
    service = Application.class,
    property = {
      "osgi.jaxrs.application.base=/api",
      "osgi.jaxrs.name=" + SwitchboardApplication.NAME
    })
public class SwitchboardApplication extends Application {
  static final String NAME = "switchboard";

  /** Service properties that put a resource or extension into this application. */
  static final String SELECT = "osgi.jaxrs.application.select=(osgi.jaxrs.name=" + NAME + ")";

  /** Resources require the security and JSON extensions, so they never go live without them. */
  static final String REQUIRE_AUTH =
      "osgi.jaxrs.extension.select=(osgi.jaxrs.name=switchboard-auth)";

  static final String REQUIRE_JSON =
      "osgi.jaxrs.extension.select=(osgi.jaxrs.name=switchboard-json)";
}
