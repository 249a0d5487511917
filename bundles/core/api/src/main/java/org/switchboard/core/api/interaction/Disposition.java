package org.switchboard.core.api.interaction;

import org.switchboard.core.api.Identifiers;
import org.switchboard.core.api.ValidationException;

/**
 * How an interaction ended, set by the agent at wrap-up or by a flow for self-service.
 *
 * @param code disposition code, e.g. {@code resolved} or {@code callback-promised}
 * @param note free text, at most 4000 characters, may be empty
 */
public record Disposition(String code, String note) {
  public Disposition {
    Identifiers.requireName("disposition.code", code);
    note = note == null ? "" : note;
    if (note.length() > 4000) {
      throw new ValidationException("disposition.note", "must be at most 4000 characters");
    }
  }
}
