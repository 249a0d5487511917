package org.switchboard.platform.realm;

import java.util.function.Function;
import org.apache.karaf.jaas.modules.BackingEngine;

/**
 * The logins of the {@code karaf} JAAS realm, the one way Switchboard reads and changes them (the
 * web console's Users page, demo mode). Karaf's own backing engine rewrites {@code
 * users.properties} in place at every step, so a login checked meanwhile can read a half-written
 * file (no such user, or a user without its group), and two engines loaded at different times save
 * over each other. Here each change runs on an engine over a fresh copy of the file, under one
 * lock, and the copy replaces the file by an atomic rename: readers see the file before or after
 * the whole change, and changes never lose each other's work.
 */
public interface RealmUsers {

  /**
   * Answers a question about the realm's logins as they are now.
   *
   * @throws IllegalStateException when the realm has no properties login module or its file cannot
   *     be read
   */
  <T> T read(Function<BackingEngine, T> query);

  /**
   * Makes a change of any number of steps as one: the engine it gets holds the file as it is when
   * the change starts (no other change runs meanwhile); when the change returns, the file is
   * replaced at once. When it throws, the file is left as it was.
   *
   * @throws IllegalStateException when the realm has no properties login module or its file cannot
   *     be read or replaced
   */
  <T> T change(Function<BackingEngine, T> change);
}
