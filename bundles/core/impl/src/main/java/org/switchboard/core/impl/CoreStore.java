package org.switchboard.core.impl;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.platform.db.MigrationPlan;
import org.switchboard.platform.db.SchemaMigrations;

/**
 * The core's database: migrates the schema on activation and runs reads and write transactions.
 *
 * <p>Writes are serialised by one lock. That keeps the outbox simple and correct: event sequence
 * numbers are assigned and committed in the same order, so the relay can never skip an event that
 * commits late. It also turns racing operations on one interaction into a clean "first wins, second
 * sees the new state". An embedded H2 database serialises writers anyway.
 */
@Component(service = CoreStore.class)
public class CoreStore {
  private final DataSource dataSource;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final List<Runnable> commitListeners = new CopyOnWriteArrayList<>();
  private final ThreadLocal<List<Interaction>> changed = new ThreadLocal<>();
  private final Object writesDone = new Object();

  /** Writes that took the lock; changed only under it. */
  private volatile long writesBegun;

  /** Writes that finished (committed or rolled back), guarded by {@link #writesDone}. */
  private long writesFinished;

  /** Open interactions as last committed; see {@link InteractionSnapshots}. */
  final InteractionSnapshots snapshots = new InteractionSnapshots();

  @Activate
  public CoreStore(
      @Reference(target = "(dataSourceName=switchboard)") DataSource dataSource,
      @Reference SchemaMigrations migrations) {
    this.dataSource = dataSource;
    migrations.migrate(dataSource, MigrationPlan.forOwner("core", CoreStore.class));
  }

  /**
   * Runs {@code work} in one transaction under the write lock; commits or rolls back everything.
   */
  <T> T write(SqlWork<T> work) {
    writeLock.lock();
    writesBegun++;
    List<Interaction> written = new ArrayList<>();
    changed.set(written);
    try {
      T result = inTransaction(work);
      written.forEach(snapshots::offer);
      commitListeners.forEach(Runnable::run);
      return result;
    } finally {
      changed.remove();
      synchronized (writesDone) {
        writesFinished++;
        writesDone.notifyAll();
      }
      writeLock.unlock();
    }
  }

  /**
   * Waits until every write that had begun by now has finished, snapshots included. A write's
   * events become readable at its commit, a moment before its snapshots are offered; whoever hands
   * out events it has just read calls this first, so that a listener who looks the interaction up
   * sees the state the event announces, never the one before.
   *
   * @return false when that took longer than {@code timeout} (a write is stuck)
   */
  boolean awaitWritesBegun(Duration timeout) throws InterruptedException {
    long mark = writesBegun;
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (writesDone) {
      while (writesFinished < mark) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(writesDone, left);
      }
    }
    return true;
  }

  /**
   * Inside a write: {@code i} was inserted or updated in this transaction, and becomes the
   * interaction's snapshot once the transaction commits (nothing when it rolls back).
   */
  void wrote(Interaction i) {
    List<Interaction> written = changed.get();
    if (written == null) {
      throw new IllegalStateException("an interaction was written outside a write transaction");
    }
    written.add(i);
  }

  /**
   * Inside a write: the interaction as this transaction last wrote it, else as last committed;
   * empty when neither is known (then read the row).
   */
  Optional<Interaction> latest(String id) {
    List<Interaction> written = changed.get();
    if (written != null) {
      for (int k = written.size() - 1; k >= 0; k--) {
        if (written.get(k).id().equals(id)) {
          return Optional.of(written.get(k));
        }
      }
    }
    return snapshots.get(id);
  }

  /** Runs read-only {@code work} on its own connection. */
  <T> T read(SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw databaseError(e);
    }
  }

  /** Called after every committed write (on the writing thread; must be quick). */
  void onCommit(Runnable listener) {
    commitListeners.add(listener);
  }

  void removeCommitListener(Runnable listener) {
    commitListeners.remove(listener);
  }

  private <T> T inTransaction(SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw databaseError(e);
    }
  }

  private static SwitchboardException databaseError(SQLException e) {
    return new SwitchboardException(
        "database error (" + e.getSQLState() + "): " + e.getMessage() + "; nothing was changed", e);
  }
}
