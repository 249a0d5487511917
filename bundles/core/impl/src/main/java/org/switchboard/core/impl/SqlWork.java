package org.switchboard.core.impl;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of database work run by {@link CoreStore} inside one transaction. */
@FunctionalInterface
interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
