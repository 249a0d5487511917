/**
 * The SIP channel's public face: the credentials agents' phones register with, and their current
 * registrations.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.switchboard.channel.sip.api;
