/**
 * Reading flow documents (YAML or JSON) into {@link
 * org.switchboard.flow.impl.model.FlowDefinition}s, with every problem reported at a dotted path.
 */
package org.switchboard.flow.impl.document;
