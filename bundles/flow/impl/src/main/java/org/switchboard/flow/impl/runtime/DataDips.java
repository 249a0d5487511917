package org.switchboard.flow.impl.runtime;

import java.util.Optional;
import org.switchboard.flow.api.DataDip;

/** Finds the data dip a {@code data} node names, among those currently registered. */
@FunctionalInterface
public interface DataDips {
  /**
   * The dip with a name.
   *
   * @param name the dip's {@code dip.name}
   * @return the dip, or empty when none is registered (the node then takes its error path)
   */
  Optional<DataDip> find(String name);
}
