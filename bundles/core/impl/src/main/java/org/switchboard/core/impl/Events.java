package org.switchboard.core.impl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.event.EventTypes;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.interaction.LegRecord;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.core.api.skill.Skill;

/** Builds the data of each kind of event and appends it to the log in the caller's transaction. */
final class Events {
  private Events() {}

  static void skill(Connection c, String type, Skill skill) throws SQLException {
    ObjectNode data = Json.object();
    data.set("skill", Json.MAPPER.valueToTree(skill));
    EventLog.append(c, type, skill.id(), data, Rows.now());
  }

  static void queue(Connection c, String type, Queue queue) throws SQLException {
    ObjectNode data = Json.object();
    data.set("queue", Json.MAPPER.valueToTree(queue));
    EventLog.append(c, type, queue.id(), data, Rows.now());
  }

  /**
   * An agent event. A state change ({@code previous} given) happened when the new state began; any
   * other change (created, profile updated, deleted) happens now, whenever the state began: its
   * listeners (routing lag, reports' agent spans) take the event's time as the change's.
   */
  static void agent(Connection c, String type, Agent agent, AgentState previous)
      throws SQLException {
    ObjectNode data = Json.object();
    data.set("agent", Json.MAPPER.valueToTree(agent));
    if (previous != null) {
      data.put("previousState", previous.name());
    }
    EventLog.append(c, type, agent.id(), data, previous != null ? agent.stateSince() : Rows.now());
  }

  /** The legs a channel recorded; {@code interaction} is the interaction as it is now. */
  static void legs(Connection c, Interaction i, List<LegRecord> legs) throws SQLException {
    ObjectNode data = Json.object();
    data.set("interaction", Json.MAPPER.valueToTree(i));
    data.set("legs", Json.MAPPER.valueToTree(legs));
    EventLog.append(c, EventTypes.INTERACTION_LEGS_RECORDED, i.id(), data, Rows.now());
  }

  static void interaction(
      Connection c, String type, Interaction i, InteractionState previous, String reason)
      throws SQLException {
    ObjectNode data = Json.object();
    data.set("interaction", Json.MAPPER.valueToTree(i));
    if (previous != null) {
      data.put("previousState", previous.name());
    }
    if (i.agent() != null) {
      data.put("agent", i.agent());
    }
    if (reason != null && !reason.isEmpty()) {
      data.put("reason", reason);
    }
    EventLog.append(c, type, i.id(), data, i.updatedAt());
  }
}
