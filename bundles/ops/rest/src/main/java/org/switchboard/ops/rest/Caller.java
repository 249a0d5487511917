package org.switchboard.ops.rest;

import java.security.Principal;
import java.util.Set;

/**
 * The authenticated user of a request and their roles.
 *
 * @param name login name
 * @param roles role names from the realm
 */
public record Caller(String name, Set<String> roles) implements Principal {
  @Override
  public String getName() {
    return name;
  }

  boolean hasAny(String... wanted) {
    for (String role : wanted) {
      if (roles.contains(role)) {
        return true;
      }
    }
    return false;
  }

  /** Admins and supervisors manage everyone's work. */
  boolean isManager() {
    return hasAny(Roles.ADMIN, Roles.SUPERVISOR);
  }
}
