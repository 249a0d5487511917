/**
 * What Switchboard adds to the Camel wrapper bundle: {@link
 * org.switchboard.platform.camel.RouteFiles}, the admins' Camel YAML route files kept loaded
 * (validated, hot-reloaded, a broken change never taking a working route out of service).
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.switchboard.platform.camel;
