package org.switchboard.ops.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles allowed to call a resource method (any of them); on a class, for every method without
 * its own. Methods without either accept any authenticated user; {@link Public} methods need no
 * credentials at all.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Roles {
  String ADMIN = "admin";
  String SUPERVISOR = "supervisor";
  String AGENT = "agent";

  String[] value();
}
