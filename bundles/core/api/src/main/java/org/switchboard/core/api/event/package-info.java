/**
 * Events: every change of an interaction, agent, queue or skill, stored with the change (outbox)
 * and then published on the broker as CloudEvents 1.0 JSON and to in-process {@link
 * org.switchboard.core.api.event.EventListener}s.
 */
@org.osgi.annotation.versioning.Version("1.3.0")
package org.switchboard.core.api.event;
