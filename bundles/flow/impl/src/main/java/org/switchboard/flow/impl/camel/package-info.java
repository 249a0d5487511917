/**
 * Data dips as Camel routes: admins write Camel YAML DSL files whose {@code direct:dip-<name>}
 * routes become {@link org.switchboard.flow.api.DataDip} services named {@code <name>}.
 */
package org.switchboard.flow.impl.camel;
