package org.switchboard.ops.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.api.ConflictException;
import org.switchboard.core.api.IllegalTransitionException;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;

/** Turns every failure into the API's error shape with the right status; nothing leaks a stack. */
@Component(
    service = ExceptionMapper.class,
    property = {
      "osgi.jaxrs.extension=true",
      "osgi.jaxrs.name=switchboard-errors",
      SwitchboardApplication.SELECT
    })
public class ErrorMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

  @Override
  public Response toResponse(Throwable failure) {
    // Core errors first (Jackson wraps those thrown by record constructors), then JSON errors.
    for (Throwable t = failure; t != null; t = t.getCause()) {
      Response known = core(t);
      if (known != null) {
        return known;
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      Response known = json(t);
      if (known != null) {
        return known;
      }
    }
    if (failure instanceof WebApplicationException web) {
      if (web.getResponse().hasEntity()) {
        return web.getResponse();
      }
      int status = web.getResponse().getStatus();
      return ApiError.of(status, "http-" + status, web.getMessage());
    }
    String incident = UUID.randomUUID().toString();
    LOG.error("REST request failed, incident {}", incident, failure);
    return ApiError.of(
        500,
        "internal",
        "the server failed; report incident " + incident + " to the administrator");
  }

  private static Response core(Throwable t) {
    if (t instanceof RequestGuard.TooLarge) {
      return RequestGuard.tooLarge();
    }
    if (t instanceof ValidationException v) {
      return new ApiError("validation", v.getMessage(), v.field()).toResponse(400);
    }
    if (t instanceof NotFoundException n) {
      return ApiError.of(404, "not-found", n.getMessage());
    }
    if (t instanceof IllegalTransitionException || t instanceof ConflictException) {
      return ApiError.of(409, "conflict", t.getMessage());
    }
    return null;
  }

  private static Response json(Throwable t) {
    if (t instanceof UnrecognizedPropertyException u) {
      return new ApiError(
              "unknown-property",
              "unknown property '" + u.getPropertyName() + "'; known: " + u.getKnownPropertyIds(),
              path(u))
          .toResponse(400);
    }
    if (t instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      String field = path(m);
      return new ApiError(
              "invalid-value",
              "invalid value for '" + field + "': " + m.getOriginalMessage(),
              field)
          .toResponse(400);
    }
    if (t instanceof JsonProcessingException p) {
      String where =
          p.getLocation() == null
              ? ""
              : " at line "
                  + p.getLocation().getLineNr()
                  + ", column "
                  + p.getLocation().getColumnNr();
      return ApiError.of(
          400,
          "malformed-json",
          "the body is not valid JSON" + where + ": " + p.getOriginalMessage());
    }
    return null;
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }
}
