package org.switchboard.core.api.skill;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The skill catalogue. Thread-safe; every write is transactional and emits an event. */
@ProviderType
public interface SkillService {
  /** All skills, ordered by id. */
  List<Skill> list();

  Optional<Skill> find(String id);

  /**
   * Creates a skill.
   *
   * @throws org.switchboard.core.api.ConflictException if the id is taken
   */
  Skill create(Skill skill);

  /**
   * Replaces a skill's description.
   *
   * @throws org.switchboard.core.api.NotFoundException if it does not exist
   */
  Skill update(Skill skill);

  /**
   * Deletes a skill.
   *
   * @throws org.switchboard.core.api.NotFoundException if it does not exist
   * @throws org.switchboard.core.api.ConflictException while an agent or queue still uses it
   */
  void delete(String id);
}
