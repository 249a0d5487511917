package org.switchboard.ops.webconsole;

import javax.security.auth.Subject;
import javax.servlet.http.HttpServletRequest;

/** Who is signed in to the web console, for the audit log. */
final class ConsoleUser {
  private static final String REMOTE_USER = "org.osgi.service.http.authentication.remote.user";

  private ConsoleUser() {}

  /**
   * The user's name: the servlet's remote user, else what the console's security provider (Karaf's
   * JAAS provider: a Subject with a UserPrincipal) put on the request.
   */
  static String of(HttpServletRequest req) {
    if (req.getRemoteUser() != null) {
      return req.getRemoteUser();
    }
    Object user = req.getAttribute(REMOTE_USER);
    if (user instanceof Subject subject) {
      return subject.getPrincipals().stream()
          .filter(p -> p.getClass().getSimpleName().equals("UserPrincipal"))
          .map(java.security.Principal::getName)
          .findFirst()
          .orElse("(unknown)");
    }
    return user == null ? "(unknown)" : user.toString();
  }
}
