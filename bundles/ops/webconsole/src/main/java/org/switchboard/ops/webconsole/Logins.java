package org.switchboard.ops.webconsole;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.karaf.jaas.boot.principal.GroupPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.BackingEngine;
import org.apache.karaf.jaas.modules.BackingEngineFactory;
import org.switchboard.core.api.ConflictException;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.ValidationException;

/**
 * The logins of the {@code karaf} JAAS realm ({@code etc/users.properties}) as the console manages
 * them: each has one Switchboard role, given through its group ({@code admingroup}, {@code
 * supervisorgroup}, {@code agentgroup}). Passwords go to Karaf's backing engine, which stores them
 * hashed. The last admin cannot be removed or demoted, and nobody removes their own login.
 */
final class Logins {
  static final String REALM = "karaf";
  private static final String PROPERTIES_MODULE =
      "org.apache.karaf.jaas.modules.properties.PropertiesLoginModule";
  private static final String PROXIED_MODULE = "org.apache.karaf.jaas.module";
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

  private final Supplier<BackingEngine> engine;

  Logins(Supplier<BackingEngine> engine) {
    this.engine = engine;
  }

  /** The realm's properties backing engine, found among the realms and factories Karaf offers. */
  static BackingEngine find(List<JaasRealm> realms, List<BackingEngineFactory> factories) {
    return realms.stream()
        .filter(r -> REALM.equals(r.getName()))
        .max(Comparator.comparingInt(JaasRealm::getRank))
        .stream()
        .flatMap(r -> Arrays.stream(r.getEntries()))
        .filter(entry -> PROPERTIES_MODULE.equals(moduleClass(entry)))
        .flatMap(
            entry ->
                factories.stream()
                    .filter(f -> f.getModuleClass().equals(moduleClass(entry)))
                    .map(f -> f.build(entry.getOptions())))
        .findFirst()
        .orElseThrow(
            () -> new SwitchboardException("the karaf realm has no properties login module"));
  }

  /** Karaf registers realm entries behind a proxy login module that names the real one. */
  private static String moduleClass(AppConfigurationEntry entry) {
    Object real = entry.getOptions().get(PROXIED_MODULE);
    return real == null ? entry.getLoginModuleName() : real.toString();
  }

  List<Login> list() {
    BackingEngine e = engine.get();
    return e.listUsers().stream()
        .filter(u -> !u.getName().startsWith(BackingEngine.GROUP_PREFIX))
        .map(u -> login(e, u))
        .sorted(Comparator.comparing(Login::name))
        .toList();
  }

  void create(String name, String password, String role) {
    requireName(name);
    requireRole(role);
    requirePassword(name, password);
    BackingEngine e = engine.get();
    if (e.lookupUser(name) != null) {
      throw new ConflictException("the login '" + name + "' exists already");
    }
    e.addUser(name, password);
    joinGroup(e, name, role);
  }

  /** Sets a new password; the backing engine keeps the login's groups and roles. */
  void password(String name, String password) {
    requirePassword(name, password);
    BackingEngine e = engine.get();
    existing(e, name);
    e.addUser(name, password);
  }

  /** Gives the login one Switchboard role, replacing the one it had. */
  void role(String name, String role, String byUser) {
    requireRole(role);
    BackingEngine e = engine.get();
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
    directRoles(e, user).stream().filter(REPLACED::contains).forEach(r -> e.deleteRole(name, r));
    joinGroup(e, name, role);
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

  void delete(String name, String byUser) {
    BackingEngine e = engine.get();
    existing(e, name);
    if (name.equals(byUser)) {
      throw new ConflictException("you cannot delete your own login");
    }
    refuseLastAdmin(e, name, "delete");
    e.deleteUser(name);
  }

  private void refuseLastAdmin(BackingEngine e, String name, String what) {
    boolean isAdmin = "admin".equals(login(e, e.lookupUser(name)).role());
    long admins = list().stream().filter(l -> "admin".equals(l.role())).count();
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
