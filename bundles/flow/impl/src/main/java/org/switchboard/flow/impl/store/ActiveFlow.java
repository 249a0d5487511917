package org.switchboard.flow.impl.store;

import org.switchboard.flow.api.FlowInfo;
import org.switchboard.flow.impl.model.FlowDefinition;

/**
 * The version of a flow that new contacts get.
 *
 * @param definition the compiled flow
 * @param info its id, name, version and origin
 * @param sha256 the SHA-256 of its text
 */
public record ActiveFlow(FlowDefinition definition, FlowInfo info, String sha256) {}
