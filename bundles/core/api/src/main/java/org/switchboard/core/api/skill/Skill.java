package org.switchboard.core.api.skill;

import org.switchboard.core.api.Identifiers;

/**
 * A skill agents can hold and interactions can require, e.g. {@code billing} or {@code lang-zh}.
 *
 * @param id stable identifier (see {@link Identifiers#requireName})
 * @param description human-readable explanation for admins, may be empty
 */
public record Skill(String id, String description) {
  public Skill {
    Identifiers.requireName("id", id);
    description = description == null ? "" : description;
    if (description.length() > 500) {
      throw new org.switchboard.core.api.ValidationException(
          "description", "must be at most 500 characters");
    }
  }
}
