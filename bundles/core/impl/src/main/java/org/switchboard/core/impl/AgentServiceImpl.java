package org.switchboard.core.impl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.core.api.ConflictException;
import org.switchboard.core.api.IllegalTransitionException;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentService;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.event.EventTypes;
import org.switchboard.core.api.interaction.Disposition;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.skill.SkillLevel;

/** Agent profiles and the agent state machine ({@link AgentState#next()}). */
@Component(service = AgentService.class)
public class AgentServiceImpl implements AgentService {
  private static final int MAX_REASON = 200;
  private final CoreStore store;

  @Activate
  public AgentServiceImpl(@Reference CoreStore store) {
    this.store = store;
  }

  @Override
  public List<Agent> list() {
    return store.read(AgentRows::all);
  }

  @Override
  public Optional<Agent> find(String id) {
    return store.read(c -> AgentRows.find(c, id));
  }

  @Override
  public Agent create(Agent agent) {
    return store.write(
        c -> {
          if (AgentRows.find(c, agent.id()).isPresent()) {
            throw new ConflictException("agent '" + agent.id() + "' already exists");
          }
          requireSkills(c, agent);
          Agent stored =
              new Agent(
                  agent.id(),
                  agent.displayName(),
                  agent.skills(),
                  agent.teams(),
                  agent.capacity(),
                  AgentState.LOGGED_OUT,
                  "",
                  Rows.now(),
                  1);
          AgentRows.insert(c, stored);
          Events.agent(c, EventTypes.AGENT_CREATED, stored, null);
          return stored;
        });
  }

  @Override
  public Agent update(Agent agent) {
    return store.write(
        c -> {
          Agent cur = existing(c, agent.id());
          requireSkills(c, agent);
          long expected = agent.version() == 0 ? cur.version() : agent.version();
          Agent next =
              new Agent(
                  agent.id(),
                  agent.displayName(),
                  agent.skills(),
                  agent.teams(),
                  agent.capacity(),
                  cur.state(),
                  cur.reason(),
                  cur.stateSince(),
                  expected + 1);
          if (!AgentRows.update(c, next, true)) {
            throw new ConflictException(
                "agent '"
                    + agent.id()
                    + "' was changed by someone else (version "
                    + cur.version()
                    + ", you sent "
                    + agent.version()
                    + "); read it again and retry");
          }
          Events.agent(c, EventTypes.AGENT_UPDATED, next, null);
          return next;
        });
  }

  @Override
  public void delete(String id) {
    store.write(
        c -> {
          Agent cur = existing(c, id);
          if (cur.state().isLoggedIn()) {
            throw new IllegalTransitionException(
                "agent " + id, cur.state().name(), "delete", "log the agent out first");
          }
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM agent WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
          }
          Events.agent(c, EventTypes.AGENT_DELETED, cur, null);
          return null;
        });
  }

  @Override
  public Agent login(String agentId) {
    return store.write(
        c -> {
          Agent cur = existing(c, agentId);
          if (cur.state().isLoggedIn()) {
            throw new IllegalTransitionException(
                "agent " + agentId, cur.state().name(), "log in", "already logged in");
          }
          return save(c, cur, AgentState.NOT_READY, "login", EventTypes.AGENT_LOGGED_IN);
        });
  }

  @Override
  public Agent logout(String agentId, String reason) {
    String why = reason(reason);
    return store.write(
        c -> {
          Agent cur = existing(c, agentId);
          if (!cur.state().isLoggedIn()) {
            throw new IllegalTransitionException(
                "agent " + agentId, cur.state().name(), "log out", "not logged in");
          }
          List<Interaction> busy =
              InteractionRows.ofAgent(
                  c, agentId, InteractionState.CONNECTED, InteractionState.HELD);
          if (!busy.isEmpty()) {
            throw new IllegalTransitionException(
                "agent " + agentId,
                cur.state().name(),
                "log out",
                "the agent still has "
                    + busy.size()
                    + " connected interaction(s); end or transfer them first");
          }
          for (Interaction offered :
              InteractionRows.ofAgent(c, agentId, InteractionState.OFFERED)) {
            withdraw(c, offered);
          }
          return save(c, cur, AgentState.LOGGED_OUT, why, EventTypes.AGENT_LOGGED_OUT);
        });
  }

  @Override
  public Agent changeState(String agentId, AgentState target, String reason) {
    if (target == null) {
      throw new ValidationException("state", "is required");
    }
    String why = reason(reason);
    if (target == AgentState.NOT_READY && why.isEmpty()) {
      throw new ValidationException(
          "reason", "is required when going NOT_READY (e.g. break, meeting)");
    }
    return store.write(
        c -> {
          Agent cur = existing(c, agentId);
          if (!cur.state().next().contains(target)) {
            throw new IllegalTransitionException(
                "agent " + agentId,
                cur.state().name(),
                "change to " + target,
                cur.state().isLoggedIn() ? "allowed: " + cur.state().next() : "log in first");
          }
          return save(c, cur, target, why, EventTypes.AGENT_STATE_CHANGED);
        });
  }

  /**
   * Inside the logout's transaction: an offer goes back to its queue; a contact the agent was
   * dialling is closed, as there is no one left to connect the customer to.
   */
  private void withdraw(Connection c, Interaction offered) throws SQLException {
    if (offered.queue() == null) {
      InteractionServiceImpl.apply(
          store,
          c,
          offered.id(),
          InteractionOperation.COMPLETE,
          EventTypes.INTERACTION_COMPLETED,
          LOGGED_OUT,
          (cc, i, d, now) -> {
            d.disposition = new Disposition(LOGGED_OUT, "the agent logged out while dialling");
            d.endedAt = now;
          });
    } else {
      InteractionServiceImpl.apply(
          store,
          c,
          offered.id(),
          InteractionOperation.DECLINE,
          EventTypes.INTERACTION_DECLINED,
          LOGGED_OUT,
          (cc, i, d, now) -> d.agent = null);
    }
  }

  private static final String LOGGED_OUT = "agent-logged-out";

  /** Reason given to agents who let an offer ring out. */
  static final String NO_ANSWER = "no-answer";

  /** Inside the caller's transaction: the agent let an offer ring out, so stops taking new work. */
  static void markNoAnswer(Connection c, String agentId) throws SQLException {
    Agent cur = existing(c, agentId);
    if (cur.state().isLoggedIn()) {
      save(c, cur, AgentState.NOT_READY, NO_ANSWER, EventTypes.AGENT_STATE_CHANGED);
    }
  }

  private static Agent save(
      Connection c, Agent cur, AgentState state, String reason, String eventType)
      throws SQLException {
    Instant now = Rows.now();
    Agent next =
        new Agent(
            cur.id(),
            cur.displayName(),
            cur.skills(),
            cur.teams(),
            cur.capacity(),
            state,
            reason,
            now,
            cur.version() + 1);
    if (!AgentRows.update(c, next, false)) {
      throw new ConflictException("agent " + cur.id() + " changed concurrently; retry");
    }
    Events.agent(c, eventType, next, cur.state());
    return next;
  }

  private static Agent existing(Connection c, String id) throws SQLException {
    if (id == null || id.isBlank()) {
      throw new ValidationException("agent", "is required");
    }
    return AgentRows.find(c, id).orElseThrow(() -> new NotFoundException("agent", id));
  }

  private static void requireSkills(Connection c, Agent agent) throws SQLException {
    SkillServiceImpl.requireExisting(c, agent.skills().stream().map(SkillLevel::skill).toList());
  }

  private static String reason(String reason) {
    String r = reason == null ? "" : reason.strip();
    if (r.length() > MAX_REASON) {
      throw new ValidationException("reason", "must be at most " + MAX_REASON + " characters");
    }
    return r;
  }
}
