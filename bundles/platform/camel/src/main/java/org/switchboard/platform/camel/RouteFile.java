package org.switchboard.platform.camel;

import java.time.Instant;
import java.util.List;

/**
 * How one route file stands, for the admin's shell and console.
 *
 * @param name the file's name in the directory
 * @param routeIds the routes of the file now in service (its previous content's when the last
 *     change was broken)
 * @param error why the file's current content is not in service, null when it is
 * @param checkedAt when the file's current content was last loaded or refused
 */
public record RouteFile(String name, List<String> routeIds, String error, Instant checkedAt) {
  public RouteFile {
    routeIds = List.copyOf(routeIds);
  }

  /** True when the file's current content is in service. */
  public boolean loaded() {
    return error == null;
  }
}
