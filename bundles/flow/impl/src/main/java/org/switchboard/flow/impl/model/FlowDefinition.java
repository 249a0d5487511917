package org.switchboard.flow.impl.model;

import java.util.Map;

/**
 * A flow document after parsing: immutable, and (once the validator accepted it) consistent: every
 * target exists and no loop spins without waiting for the customer.
 *
 * @param id the flow's id
 * @param name a human-readable name
 * @param language the default language for {@code say} nodes, e.g. {@code en}
 * @param start the id of the first node
 * @param fallback the queue used when anything goes wrong at run time, or null for the engine's
 * @param calendars opening hours by name
 * @param nodes the nodes by id, in document order
 */
public record FlowDefinition(
    String id,
    String name,
    String language,
    String start,
    String fallback,
    Map<String, OpeningHours> calendars,
    Map<String, Node> nodes) {}
