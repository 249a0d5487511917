package org.switchboard.ops.webconsole;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.jaas.boot.principal.GroupPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.jaas.modules.BackingEngine;

/**
 * A backing engine that keeps {@code users.properties} lines in a map, the way Karaf's properties
 * engine does: {@code name = password,role,...,_g_:group}; a group line {@code _g_:name =
 * group,role,...}; adding an existing user replaces only the password; a group nobody is in any
 * more is deleted.
 */
final class PropertiesLikeEngine implements BackingEngine {
  final Map<String, List<String>> lines = new LinkedHashMap<>();

  PropertiesLikeEngine() {
    lines.put(
        GROUP_PREFIX + "admingroup",
        new ArrayList<>(List.of("group", "admin", "manager", "viewer", "systembundles", "ssh")));
    lines.put(GROUP_PREFIX + "supervisorgroup", new ArrayList<>(List.of("group", "supervisor")));
    lines.put(GROUP_PREFIX + "agentgroup", new ArrayList<>(List.of("group", "agent")));
  }

  String password(String user) {
    return lines.get(user).get(0);
  }

  @Override
  public void addUser(String username, String password) {
    List<String> line = lines.computeIfAbsent(username, k -> new ArrayList<>(List.of("")));
    line.set(0, "{CRYPT}" + password.hashCode() + "{CRYPT}");
  }

  @Override
  public void deleteUser(String username) {
    lines.remove(username);
  }

  @Override
  public List<UserPrincipal> listUsers() {
    return lines.keySet().stream().map(UserPrincipal::new).toList();
  }

  @Override
  public UserPrincipal lookupUser(String username) {
    return lines.containsKey(username) ? new UserPrincipal(username) : null;
  }

  @Override
  public List<GroupPrincipal> listGroups(UserPrincipal user) {
    return lines.get(user.getName()).stream()
        .filter(e -> e.startsWith(GROUP_PREFIX))
        .map(e -> new GroupPrincipal(e.substring(GROUP_PREFIX.length())))
        .toList();
  }

  @Override
  public Map<GroupPrincipal, String> listGroups() {
    Map<GroupPrincipal, String> groups = new LinkedHashMap<>();
    lines.forEach(
        (key, line) -> {
          if (key.startsWith(GROUP_PREFIX)) {
            groups.put(
                new GroupPrincipal(key.substring(GROUP_PREFIX.length())),
                String.join(",", line.subList(1, line.size())));
          }
        });
    return groups;
  }

  @Override
  public void addGroup(String username, String group) {
    lines.get(username).add(GROUP_PREFIX + group);
  }

  @Override
  public void createGroup(String group) {
    lines.putIfAbsent(GROUP_PREFIX + group, new ArrayList<>(List.of("group")));
  }

  /** Like Karaf's: the group's definition goes when its last member leaves. */
  @Override
  public void deleteGroup(String username, String group) {
    lines.get(username).remove(GROUP_PREFIX + group);
    boolean used =
        lines.entrySet().stream()
            .anyMatch(
                e ->
                    !e.getKey().startsWith(GROUP_PREFIX)
                        && e.getValue().contains(GROUP_PREFIX + group));
    if (!used) {
      lines.remove(GROUP_PREFIX + group);
    }
  }

  @Override
  public List<RolePrincipal> listRoles(Principal principal) {
    String key =
        principal instanceof GroupPrincipal
            ? GROUP_PREFIX + principal.getName()
            : principal.getName();
    List<RolePrincipal> roles = new ArrayList<>();
    List<String> line = lines.get(key);
    for (String entry : line.subList(1, line.size())) {
      if (entry.startsWith(GROUP_PREFIX)) {
        listRoles(new GroupPrincipal(entry.substring(GROUP_PREFIX.length())))
            .forEach(
                r -> {
                  if (!roles.contains(r)) {
                    roles.add(r);
                  }
                });
      } else if (!roles.contains(new RolePrincipal(entry))) {
        roles.add(new RolePrincipal(entry));
      }
    }
    return roles;
  }

  @Override
  public void addRole(String username, String role) {
    lines.get(username).add(role);
  }

  @Override
  public void deleteRole(String username, String role) {
    lines.get(username).remove(role);
  }

  @Override
  public void addGroupRole(String group, String role) {
    lines.get(GROUP_PREFIX + group).add(role);
  }

  @Override
  public void deleteGroupRole(String group, String role) {
    lines.get(GROUP_PREFIX + group).remove(role);
  }
}
