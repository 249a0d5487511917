/** Agents: their skills, teams, per-channel capacity and their state lifecycle. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.switchboard.core.api.agent;
