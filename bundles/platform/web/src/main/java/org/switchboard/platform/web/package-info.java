/**
 * Shared by the bundles that talk to browsers over WebSockets (the web chat, the desk feed): a
 * bounded, ordered sender per connection, one endpoint ({@code /<area>/ws}) that hands connections
 * to {@link org.switchboard.platform.web.SocketHandler} services, and static files.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.switchboard.platform.web;
