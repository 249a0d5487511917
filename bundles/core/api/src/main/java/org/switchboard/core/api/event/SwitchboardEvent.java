package org.switchboard.core.api.event;

import java.time.Instant;

/**
 * One stored event, as delivered to in-process listeners and (as CloudEvents JSON) on the broker.
 *
 * @param id unique event id (CloudEvents {@code id})
 * @param sequence position in the event log; strictly increasing in commit order
 * @param type one of {@link EventTypes} (CloudEvents {@code type})
 * @param subject id of the interaction, agent, queue or skill (CloudEvents {@code subject})
 * @param time when the change was committed
 * @param data the event's JSON payload: the entity snapshot after the change, plus context fields
 *     such as {@code previousState}, {@code agent} and {@code reason}
 */
public record SwitchboardEvent(
    String id, long sequence, String type, String subject, Instant time, String data) {}
