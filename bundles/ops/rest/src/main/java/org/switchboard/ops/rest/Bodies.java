package org.switchboard.ops.rest;

import org.switchboard.core.api.ValidationException;

/** Checks shared by resources. */
final class Bodies {
  private Bodies() {}

  /** Fails with a 400 when a required body is missing. */
  static <T> T required(T body) {
    if (body == null) {
      throw new ValidationException("body", "a JSON body is required");
    }
    return body;
  }

  /** Fails with a 400 when the body's id differs from the path's. */
  static void sameId(String pathId, String bodyId) {
    if (!pathId.equals(bodyId)) {
      throw new ValidationException(
          "id", "the body's id '" + bodyId + "' differs from the URL's '" + pathId + "'");
    }
  }
}
