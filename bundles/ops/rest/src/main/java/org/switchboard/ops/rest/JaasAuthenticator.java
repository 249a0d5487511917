package org.switchboard.ops.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/**
 * Authenticates against the Karaf JAAS realm {@code karaf}. Successful logins are remembered for 30
 * s under a SHA-256 digest of user and password (never the password itself), so a busy client does
 * not pay for password hashing on every request. The memory is dropped whenever the realm's file
 * ({@code etc/users.properties}) changes, so a new password, a removed role or a deleted login
 * takes effect at the next request.
 */
final class JaasAuthenticator implements Authenticator {
  private static final String REALM = "karaf";
  private static final Duration CACHE = Duration.ofSeconds(30);
  private static final int MAX_CACHED = 10_000;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Path users;
  private final BiFunction<String, String, Optional<Caller>> realm;
  private volatile String usersVersion = "";

  private record Cached(Caller caller, Instant until) {}

  JaasAuthenticator() {
    this(
        Path.of(System.getProperty("karaf.etc", "etc"), "users.properties"),
        JaasAuthenticator::login);
  }

  /**
   * @param users the realm's users file, whose changes invalidate remembered logins
   * @param realm logs a user in: their roles, or empty
   */
  JaasAuthenticator(Path users, BiFunction<String, String, Optional<Caller>> realm) {
    this.users = users;
    this.realm = realm;
  }

  @Override
  public Optional<Caller> authenticate(String user, String password) {
    String version = version(users);
    if (!version.equals(usersVersion)) {
      cache.clear();
      usersVersion = version;
    }
    String key = digest(user + "\u0000" + password);
    Cached hit = cache.get(key);
    if (hit != null && hit.until().isAfter(Instant.now())) {
      return Optional.of(hit.caller());
    }
    Optional<Caller> caller = realm.apply(user, password);
    if (caller.isPresent()) {
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
      cache.put(key, new Cached(caller.get(), Instant.now().plus(CACHE)));
    }
    return caller;
  }

  private static Optional<Caller> login(String user, String password) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(JaasAuthenticator.class.getClassLoader());
    try {
      Subject subject = new Subject();
      LoginContext context =
          new LoginContext(
              REALM,
              subject,
              callbacks -> {
                for (var cb : callbacks) {
                  if (cb instanceof NameCallback name) {
                    name.setName(user);
                  } else if (cb instanceof PasswordCallback pass) {
                    pass.setPassword(password.toCharArray());
                  } else {
                    throw new UnsupportedCallbackException(cb);
                  }
                }
              });
      context.login();
      Set<String> roles =
          subject.getPrincipals(RolePrincipal.class).stream()
              .map(RolePrincipal::getName)
              .collect(Collectors.toUnmodifiableSet());
      return Optional.of(new Caller(user, roles));
    } catch (LoginException e) {
      return Optional.empty();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /**
   * The file's identity (inode), modification time and size: a change by Switchboard replaces the
   * file (a new inode), and an edit in place changes its time or size.
   */
  private static String version(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return a.fileKey() + "/" + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "/" + a.size();
    } catch (IOException e) {
      return "missing";
    }
  }

  private static String digest(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
