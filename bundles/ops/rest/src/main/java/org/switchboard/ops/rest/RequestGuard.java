package org.switchboard.ops.rest;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Component;

/**
 * Every request passes here first: bodies over {@link #MAX_BODY} bytes are refused (413), then the
 * caller is authenticated with HTTP Basic against the realm (401) and their roles are checked
 * against the method's {@link Roles} (403). {@link Public} methods skip authentication.
 */
@Component(
    service = ContainerRequestFilter.class,
    property = {
      "osgi.jaxrs.extension=true",
      "osgi.jaxrs.name=switchboard-auth",
      SwitchboardApplication.SELECT
    })
public class RequestGuard implements ContainerRequestFilter {
  /** Largest request body accepted, in bytes. */
  static final int MAX_BODY = 64 * 1024;

  @Context private ResourceInfo resource;
  private final Authenticator authenticator;

  public RequestGuard() {
    this(new JaasAuthenticator());
  }

  RequestGuard(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getLength() > MAX_BODY) {
      request.abortWith(tooLarge());
      return;
    }
    request.setEntityStream(new Limited(request.getEntityStream()));
    Method method = resource == null ? null : resource.getResourceMethod();
    if (method != null && method.isAnnotationPresent(Public.class)) {
      return;
    }
    Optional<Caller> caller = credentials(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    if (caller.isEmpty()) {
      request.abortWith(
          Response.status(401)
              .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Switchboard\"")
              .entity(
                  new ApiError(
                      "unauthorized",
                      "log in with HTTP Basic authentication (a user of the Switchboard realm)",
                      null))
              .type("application/json")
              .build());
      return;
    }
    Roles roles =
        method == null
            ? null
            : method.isAnnotationPresent(Roles.class)
                ? method.getAnnotation(Roles.class)
                : method.getDeclaringClass().getAnnotation(Roles.class);
    if (roles != null && !caller.get().hasAny(roles.value())) {
      request.abortWith(
          ApiError.of(
              403,
              "forbidden",
              "user '"
                  + caller.get().name()
                  + "' lacks the role needed here: one of "
                  + String.join(", ", roles.value())));
      return;
    }
    request.setSecurityContext(
        new CallerContext(caller.get(), request.getSecurityContext().isSecure()));
  }

  private Optional<Caller> credentials(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    return authenticator.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  static Response tooLarge() {
    return ApiError.of(
        413, "too-large", "request bodies are limited to " + MAX_BODY / 1024 + " KiB");
  }

  /** Thrown while reading a body that turns out larger than the limit. */
  static final class TooLarge extends javax.ws.rs.WebApplicationException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super(tooLarge());
    }
  }

  /** Counts bytes read and stops past the limit (bodies without Content-Length, chunked). */
  private static final class Limited extends java.io.FilterInputStream {
    private long count;

    Limited(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && ++count > MAX_BODY) {
        throw new TooLarge();
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0 && (count += n) > MAX_BODY) {
        throw new TooLarge();
      }
      return n;
    }
  }

  /** The security context resources see: the caller as principal, their roles. */
  record CallerContext(Caller caller, boolean secure) implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      return caller;
    }

    @Override
    public boolean isUserInRole(String role) {
      return caller.roles().contains(role);
    }

    @Override
    public boolean isSecure() {
      return secure;
    }

    @Override
    public String getAuthenticationScheme() {
      return BASIC_AUTH;
    }
  }
}
