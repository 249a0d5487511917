/** Skills: what an agent can do (with a level 1-10) and what an interaction or queue requires. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.switchboard.core.api.skill;
