/** The flow engine's OSGi components: the {@link org.switchboard.flow.api.FlowService}. */
package org.switchboard.flow.impl;
