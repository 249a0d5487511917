package org.switchboard.ops.rest;

import java.util.Optional;

/** Checks a user name and password; empty when they are wrong. */
interface Authenticator {
  Optional<Caller> authenticate(String user, String password);
}
