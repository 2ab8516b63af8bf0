package io.ubi.streaming;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the speed layer stop between micro-batches rather than in the middle of one.
 *
 * <p>{@code StreamingQuery.stop()} interrupts the query's thread wherever it is: in the middle of a
 * Delta commit, a Kafka write or an unpersist, whose cancelled tasks then finish after Spark has
 * stopped. Every batch function runs through {@link #guard}, which holds a shared lock for the
 * whole batch; {@link #close} takes the lock exclusively, so it waits for the batches in flight to
 * finish their writes and keeps the next ones from starting. A query stopped after that is
 * interrupted while idle or while waiting at the gate ({@link #isWaiting}), before it has written
 * anything: its checkpoint replays that batch on the next start.
 */
final class BatchGate {
  private static final Logger LOG = LoggerFactory.getLogger(BatchGate.class);

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Set<String> waiting = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** {@code batch} of the query {@code query}, run only while the gate is open. */
  VoidFunction2<Dataset<Row>, Long> guard(String query, VoidFunction2<Dataset<Row>, Long> batch) {
    return (rows, batchId) -> {
      waiting.add(query);
      try {
        // Interruptible: a query stopped while its batch waits here ends without writing. Once
        // closed, even a close that timed out waiting for a long batch, no new batch starts.
        lock.readLock().lockInterruptibly();
        if (closed) {
          lock.readLock().unlock();
          Thread.sleep(Long.MAX_VALUE); // until the query's stop interrupts it
        }
      } finally {
        waiting.remove(query);
      }
      try {
        batch.call(rows, batchId);
      } finally {
        lock.readLock().unlock();
      }
    };
  }

  /** Whether a batch of {@code query} is waiting at the closed gate. */
  boolean isWaiting(String query) {
    return waiting.contains(query);
  }

  /**
   * Waits up to {@code timeout} for the batches in flight, then closes the gate for good. Returns
   * false if a batch was still running at the deadline (stopping its query will interrupt it).
   */
  boolean close(Duration timeout) {
    closed = true;
    try {
      if (lock.writeLock().tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.warn(
        "A micro-batch was still running {} s after the stop began; stopping it midway"
            + " (its checkpoint replays it on the next start)",
        timeout.toSeconds());
    return false;
  }
}
