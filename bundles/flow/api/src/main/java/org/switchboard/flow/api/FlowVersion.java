package org.switchboard.flow.api;

import java.time.Instant;

/**
 * One stored version of a flow.
 *
 * @param version the version number, counting from 1
 * @param createdAt when it was stored
 * @param source where it came from (see {@link FlowInfo#source()})
 * @param sha256 the SHA-256 of the document text, hex
 * @param active whether this is the version new contacts get
 */
public record FlowVersion(
    int version, Instant createdAt, String source, String sha256, boolean active) {}
