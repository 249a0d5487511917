package org.switchboard.core.api.agent;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Agent administration and the agent state lifecycle. Thread-safe; every change is transactional
 * with its event. Illegal state changes throw {@link
 * org.switchboard.core.api.IllegalTransitionException} and change nothing.
 */
@ProviderType
public interface AgentService {
  /** All agents, ordered by id. */
  List<Agent> list();

  Optional<Agent> find(String id);

  /**
   * Creates an agent profile, logged out. State fields of the argument are ignored.
   *
   * @throws org.switchboard.core.api.ConflictException if the id is taken
   * @throws org.switchboard.core.api.NotFoundException if a skill does not exist
   */
  Agent create(Agent agent);

  /**
   * Replaces an agent's profile (name, skills, teams, capacity); state is untouched. The version
   * must match the stored one; version 0 means "whatever is stored" (last writer wins).
   */
  Agent update(Agent agent);

  /**
   * Deletes an agent profile.
   *
   * @throws org.switchboard.core.api.IllegalTransitionException unless the agent is logged out
   */
  void delete(String id);

  /** Logs an agent in; they start NOT_READY with reason {@code login}. */
  Agent login(String agentId);

  /**
   * Logs an agent out. Offers pending for the agent go back to their queues.
   *
   * @throws org.switchboard.core.api.IllegalTransitionException while the agent still has connected
   *     or held interactions
   */
  Agent logout(String agentId, String reason);

  /**
   * Moves a logged-in agent to another state.
   *
   * @param reason mandatory for {@link AgentState#NOT_READY} (e.g. {@code break}, {@code
   *     no-answer}); may be empty otherwise
   */
  Agent changeState(String agentId, AgentState target, String reason);
}
