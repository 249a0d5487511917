/** Health reporting: each component says whether it works, and the REST API aggregates them. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.switchboard.core.api.health;
