/**
 * Shared by the bundles that talk to browsers over WebSockets (the web chat, the desk feed): a
 * bounded, ordered sender per connection and the whiteboard property that publishes an endpoint.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.switchboard.platform.web;
