/**
 * The SIP channel's public face: the credentials agents' phones register with, their current
 * registrations, and supervisors listening in on calls.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.switchboard.channel.sip.api;
