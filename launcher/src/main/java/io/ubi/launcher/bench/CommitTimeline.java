package io.ubi.launcher.bench;

import io.delta.tables.DeltaTable;
import io.ubi.lakehouse.TableDef;
import io.ubi.lakehouse.Tables;
import io.ubi.transforms.Lake;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * The Delta commits made to the lakehouse's tables in a time window, in order. The nightly job
 * writes each table once, after the work that feeds it, so the time between one commit and the next
 * is roughly the cost of that table: where a run's time went, read afterwards from the tables
 * themselves, without instrumenting the job or depending on its code layout.
 */
public final class CommitTimeline {
  /** How many of each table's latest commits are looked at; a run makes one or two per table. */
  private static final int HISTORY_DEPTH = 20;

  /** One commit. */
  public record Commit(Instant at, String table, String operation) {}

  private CommitTimeline() {}

  static List<Commit> between(Lake lake, Instant from, Instant to) {
    List<Commit> commits = new ArrayList<>();
    for (TableDef t : Tables.all()) {
      List<Row> history =
          DeltaTable.forPath(lake.spark(), lake.location(t))
              .history(HISTORY_DEPTH)
              .select("timestamp", "operation")
              .collectAsList();
      for (Row r : history) {
        Instant at = instant(r.get(0));
        if (!at.isBefore(from) && !at.isAfter(to)) {
          commits.add(new Commit(at, t.name(), r.getString(1)));
        }
      }
    }
    commits.sort(Comparator.comparing(Commit::at));
    return commits;
  }

  /** Delta's history is a timestamp column: an Instant with Java 8 time values on, else not. */
  private static Instant instant(Object value) {
    return value instanceof Instant i ? i : ((Timestamp) value).toInstant();
  }
}
