package org.switchboard.ops.webconsole;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.Servlet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.platform.realm.RealmUsers;

/**
 * The "Users" page of the web console ({@code /system/console/switchboard-users}): the logins of
 * the realm with their role; admins create logins, set passwords and roles, delete logins, and set
 * agents' SIP phone passwords while the SIP channel runs. Passwords are never written anywhere but
 * to the hashing backing engine; the audit log names the action and the login only.
 */
@Component(
    service = Servlet.class,
    property = {
      "felix.webconsole.label=" + UsersConsolePlugin.LABEL,
      "felix.webconsole.title=Users",
      "felix.webconsole.category=Switchboard"
    })
public class UsersConsolePlugin extends SwitchboardPage {
  static final String LABEL = "switchboard-users";
  private static final long serialVersionUID = 1L;

  private final transient Logins logins;

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private transient volatile PhoneLogins phones;

  @Activate
  public UsersConsolePlugin(@Reference RealmUsers realm) {
    this(new Logins(realm));
  }

  UsersConsolePlugin(Logins logins) {
    super(LABEL, "Users", "users.html");
    this.logins = logins;
  }

  void phones(PhoneLogins phones) {
    this.phones = phones;
  }

  @Override
  Map<String, Read> reads() {
    return Map.of("users", req -> users());
  }

  /** The logins, each with whether it has a phone password ({@code null}: no SIP channel). */
  private Map<String, Object> users() {
    PhoneLogins p = phones;
    List<Map<String, Object>> rows =
        logins.list().stream()
            .map(
                l -> {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("name", l.name());
                  row.put("role", l.role());
                  row.put("groups", l.groups());
                  row.put("roles", l.roles());
                  row.put("phone", p == null ? null : p.has(l.name()));
                  return row;
                })
            .toList();
    return Map.of("logins", rows, "phones", p != null);
  }

  @Override
  Map<String, Change> changes() {
    return Map.of(
        "create",
        post -> {
          String name = post.text("name");
          String role = post.text("role");
          logins.create(name, post.json().path("password").asText(null), role);
          audit(post.user(), "user.create", "login=" + name + " role=" + role);
          return new Answer(201, Map.of("created", name));
        },
        "password",
        post -> {
          String name = post.text("name");
          logins.password(name, post.json().path("password").asText(null));
          audit(post.user(), "user.password", "login=" + name);
          return Map.of("changed", name);
        },
        "role",
        post -> {
          String name = post.text("name");
          String role = post.text("role");
          logins.role(name, role, post.user());
          audit(post.user(), "user.role", "login=" + name + " role=" + role);
          return Map.of("changed", name);
        },
        "delete",
        post -> {
          String name = post.text("name");
          logins.delete(name, post.user());
          audit(post.user(), "user.delete", "login=" + name);
          return Map.of("deleted", name);
        },
        "phone",
        post -> {
          String name = post.text("name");
          phones().setPassword(name, post.json().path("password").asText(null));
          audit(post.user(), "phone.password", "agent=" + name);
          return Map.of("changed", name);
        },
        "phone-remove",
        post -> {
          String name = post.text("name");
          phones().remove(name);
          audit(post.user(), "phone.remove", "agent=" + name);
          return Map.of("removed", name);
        });
  }

  private PhoneLogins phones() {
    PhoneLogins p = phones;
    if (p == null) {
      throw new SwitchboardException("the SIP channel is not running: phone passwords need it");
    }
    return p;
  }
}
