package org.switchboard.ops.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * The one error shape of the API.
 *
 * @param error stable machine-readable code, e.g. {@code validation}
 * @param message what was wrong and how to fix it
 * @param field the offending field, when there is one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, String field) {
  Response toResponse(int status) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(this).build();
  }

  static Response of(int status, String error, String message) {
    return new ApiError(error, message, null).toResponse(status);
  }
}
