package org.switchboard.core.api.skill;

import java.util.Collection;
import org.switchboard.core.api.Identifiers;
import org.switchboard.core.api.ValidationException;

/**
 * A skill an interaction or queue needs, with the lowest acceptable level.
 *
 * @param skill the skill id
 * @param minimumLevel 1 to 10; an agent qualifies with a level at or above it
 */
public record SkillRequirement(String skill, int minimumLevel) {
  public SkillRequirement {
    Identifiers.requireName("skill", skill);
    if (minimumLevel < SkillLevel.MIN || minimumLevel > SkillLevel.MAX) {
      throw new ValidationException(
          "minimumLevel", "must be between 1 and 10, got " + minimumLevel);
    }
  }

  /** Whether an agent holding these skill levels meets this requirement. */
  public boolean isMetBy(Collection<SkillLevel> levels) {
    return levels.stream().anyMatch(l -> l.skill().equals(skill) && l.level() >= minimumLevel);
  }
}
