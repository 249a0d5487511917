package org.switchboard.core.api.skill;

import org.switchboard.core.api.Identifiers;
import org.switchboard.core.api.ValidationException;

/**
 * An agent's proficiency in one skill.
 *
 * @param skill the skill id
 * @param level 1 (novice) to 10 (expert)
 */
public record SkillLevel(String skill, int level) {
  public static final int MIN = 1;
  public static final int MAX = 10;

  public SkillLevel {
    Identifiers.requireName("skill", skill);
    if (level < MIN || level > MAX) {
      throw new ValidationException("level", "must be between 1 and 10, got " + level);
    }
  }
}
