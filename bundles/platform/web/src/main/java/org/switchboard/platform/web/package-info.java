/**
 * Shared by the bundles that talk to browsers over WebSockets (the web chat, the desk feed): a
 * bounded, ordered sender per connection, one endpoint ({@code /ws/<area>}) that hands connections
 * to {@link org.switchboard.platform.web.SocketHandler} services, static files, the content check
 * of uploaded files, and the HTTP byte ranges players ask for ({@link
 * org.switchboard.platform.web.ByteRange}, since 1.2.0).
 */
@org.osgi.annotation.versioning.Version("1.2.0")
package org.switchboard.platform.web;
