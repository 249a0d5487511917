package org.switchboard.ops.webconsole;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.karaf.jaas.boot.principal.GroupPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.jaas.modules.BackingEngine;
import org.switchboard.core.api.ConflictException;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.platform.realm.RealmUsers;

/**
 * The logins of the {@code karaf} JAAS realm ({@code etc/users.properties}) as the console manages
 * them: each has one Switchboard role, given through its group ({@code admingroup}, {@code
 * supervisorgroup}, {@code agentgroup}). Passwords go to Karaf's backing engine, which stores them
 * hashed; each action is one change of the file ({@link RealmUsers}), so a login never exists
 * without its role. The last admin cannot be removed or demoted, and nobody removes their own
 * login.
 */
final class Logins {
  private static final List<String> ROLES = List.of("admin", "supervisor", "agent");

  /** The roles each role's group gives, as the distribution's {@code users.properties} defines. */
  private static final Map<String, List<String>> GROUP_ROLES =
      Map.of(
          "admin", List.of("admin", "manager", "viewer", "systembundles", "ssh"),
          "supervisor", List.of("supervisor"),
          "agent", List.of("agent"));

  /**
   * Roles a login may hold directly (demo users do) that a role change replaces: the Switchboard
   * roles and the Karaf roles that come with {@code admingroup}.
   */
  private static final Set<String> REPLACED =
      Set.of("admin", "supervisor", "agent", "manager", "viewer", "systembundles", "ssh");

  /** A login as the page lists it; {@code role} is {@code none} when it has no Switchboard role. */
  record Login(String name, String role, List<String> groups, List<String> roles) {}

  private final RealmUsers realm;

  Logins(RealmUsers realm) {
    this.realm = realm;
  }

  List<Login> list() {
    return realm.read(Logins::list);
  }

  void create(String name, String password, String role) {
    requireName(name);
    requireRole(role);
    requirePassword(name, password);
    change(
        e -> {
          if (e.lookupUser(name) != null) {
            throw new ConflictException("the login '" + name + "' exists already");
          }
          e.addUser(name, password);
          joinGroup(e, name, role);
        });
  }

  /** Sets a new password; the backing engine keeps the login's groups and roles. */
  void password(String name, String password) {
    requirePassword(name, password);
    change(
        e -> {
          existing(e, name);
          e.addUser(name, password);
        });
  }

  /** Gives the login one Switchboard role, replacing the one it had. */
  void role(String name, String role, String byUser) {
    requireRole(role);
    change(
        e -> {
          UserPrincipal user = existing(e, name);
          if (!"admin".equals(role)) {
            refuseLastAdmin(e, name, "take the admin role from");
          }
          if (name.equals(byUser) && !"admin".equals(role)) {
            throw new ConflictException("you cannot take the admin role from yourself");
          }
          e.listGroups(user).stream()
              .map(GroupPrincipal::getName)
              .filter(g -> ROLES.contains(g.replaceFirst("group$", "")))
              .forEach(g -> e.deleteGroup(name, g));
          directRoles(e, user).stream()
              .filter(REPLACED::contains)
              .forEach(r -> e.deleteRole(name, r));
          joinGroup(e, name, role);
        });
  }

  void delete(String name, String byUser) {
    change(
        e -> {
          existing(e, name);
          if (name.equals(byUser)) {
            throw new ConflictException("you cannot delete your own login");
          }
          refuseLastAdmin(e, name, "delete");
          e.deleteUser(name);
        });
  }

  /** One change of the realm's file, put in place as a whole (or not at all when it throws). */
  private void change(Consumer<BackingEngine> change) {
    realm.change(
        e -> {
          change.accept(e);
          return null;
        });
  }

  private static List<Login> list(BackingEngine e) {
    return e.listUsers().stream()
        .filter(u -> !u.getName().startsWith(BackingEngine.GROUP_PREFIX))
        .map(u -> login(e, u))
        .sorted(Comparator.comparing(Login::name))
        .toList();
  }

  /**
   * Puts the login into the role's group, first defining the group if it is missing: Karaf deletes
   * a group's definition when its last member leaves it.
   */
  private static void joinGroup(BackingEngine e, String name, String role) {
    String group = role + "group";
    Map<GroupPrincipal, String> groups = e.listGroups();
    if (groups.keySet().stream().noneMatch(g -> g.getName().equals(group))) {
      e.createGroup(group);
      GROUP_ROLES.get(role).forEach(r -> e.addGroupRole(group, r));
    }
    e.addGroup(name, group);
  }

  private static void refuseLastAdmin(BackingEngine e, String name, String what) {
    boolean isAdmin = "admin".equals(login(e, e.lookupUser(name)).role());
    long admins = list(e).stream().filter(l -> "admin".equals(l.role())).count();
    if (isAdmin && admins <= 1) {
      throw new ConflictException("'" + name + "' is the last admin: you cannot " + what + " it");
    }
  }

  private static Login login(BackingEngine e, UserPrincipal user) {
    List<String> groups = e.listGroups(user).stream().map(GroupPrincipal::getName).toList();
    Set<String> roles = new LinkedHashSet<>();
    e.listRoles(user).forEach(r -> roles.add(r.getName()));
    String role = ROLES.stream().filter(roles::contains).findFirst().orElse("none");
    return new Login(user.getName(), role, groups, List.copyOf(roles));
  }

  /** Roles given to the login itself, not through a group. */
  private static List<String> directRoles(BackingEngine e, UserPrincipal user) {
    Set<String> viaGroups = new LinkedHashSet<>();
    e.listGroups(user).forEach(g -> e.listRoles(g).forEach(r -> viaGroups.add(r.getName())));
    return e.listRoles(user).stream()
        .map(RolePrincipal::getName)
        .filter(r -> !viaGroups.contains(r))
        .distinct()
        .toList();
  }

  private static UserPrincipal existing(BackingEngine e, String name) {
    UserPrincipal user = e.lookupUser(name);
    if (user == null) {
      throw new NotFoundException("login", name);
    }
    return user;
  }

  private static void requireName(String name) {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")) {
      throw new ValidationException(
          "name", "1-64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
    }
  }

  private static void requireRole(String role) {
    if (!ROLES.contains(role)) {
      throw new ValidationException("role", "must be one of " + ROLES + ", got '" + role + "'");
    }
  }

  private static void requirePassword(String name, String password) {
    if (password == null || password.length() < 8 || password.length() > 128) {
      throw new ValidationException("password", "must be 8 to 128 characters");
    }
    if (password.equalsIgnoreCase(name)) {
      throw new ValidationException("password", "must not be the login name");
    }
  }
}
