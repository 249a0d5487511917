package org.switchboard.ops.webconsole;

import java.util.List;
import java.util.function.Supplier;
import org.apache.karaf.kar.KarService;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.SwitchboardException;

/**
 * The KARs Karaf has installed, through its {@link KarService}. Karaf's failures (a feature that
 * does not resolve, a broken archive) become {@link SwitchboardException}s with Karaf's reason, so
 * the page shows it. Calls block until Karaf is done: installing a KAR installs its features.
 */
final class KarArchives {
  private final Supplier<KarService> service;

  /**
   * @param service the KAR service now, null while Karaf's {@code kar} feature is not running
   */
  KarArchives(Supplier<KarService> service) {
    this.service = service;
  }

  /** Whether KARs can be installed now. */
  boolean available() {
    return service.get() != null;
  }

  /** Refuses (409) when KARs cannot be installed now, saying how to fix it. */
  void requireAvailable() {
    running();
  }

  /** The installed KARs' names, sorted. */
  List<String> list() {
    try {
      return running().list().stream().sorted().toList();
    } catch (SwitchboardException e) {
      throw e;
    } catch (Exception e) {
      throw new SwitchboardException("Karaf could not list the installed KARs: " + reason(e), e);
    }
  }

  /** Installs the upload: extracts it and installs the features it asks for. */
  void install(KarUpload upload) {
    KarService kar = running();
    try {
      kar.install(upload.file().toUri());
    } catch (Exception e) {
      throw new SwitchboardException(
          "Karaf could not install " + upload.name() + ".kar: " + reason(e), e);
    }
  }

  /** Uninstalls the named KAR and the features it installed. */
  void uninstall(String name) {
    if (!list().contains(name)) {
      throw new NotFoundException("installed KAR", name);
    }
    try {
      running().uninstall(name);
    } catch (Exception e) {
      throw new SwitchboardException("Karaf could not uninstall " + name + ": " + reason(e), e);
    }
  }

  private KarService running() {
    KarService kar = service.get();
    if (kar == null) {
      throw new SwitchboardException(
          "KAR support is not running: install it with feature:install kar in the Karaf shell");
    }
    return kar;
  }

  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = e.getMessage();
    String r = root == e ? null : root.getMessage();
    String reason = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    return r != null && !r.isBlank() && !reason.contains(r) ? reason + " (" + r + ")" : reason;
  }
}
