package org.switchboard.flow.api;

import java.time.Instant;

/**
 * The active version of a flow.
 *
 * @param id the flow's id (also its file name without extension)
 * @param name the human-readable name from the document
 * @param version the active version number, counting from 1
 * @param loadedAt when this version became active
 * @param source where this version came from, e.g. {@code file etc/flows/main.yaml}, {@code
 *     deploy}, {@code rollback to version 2}
 */
public record FlowInfo(String id, String name, int version, Instant loadedAt, String source) {}
