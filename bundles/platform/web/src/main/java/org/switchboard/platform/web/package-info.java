/**
 * Shared by the bundles that talk to browsers over WebSockets (the web chat, the desk feed): a
 * bounded, ordered sender per connection, one endpoint ({@code /ws/<area>}) that hands connections
 * to {@link org.switchboard.platform.web.SocketHandler} services, static files, and the content
 * check of uploaded files.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.switchboard.platform.web;
