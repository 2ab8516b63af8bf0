package io.ubi.batch;

import static org.apache.spark.sql.functions.col;

import io.ubi.lakehouse.SignalRows;
import io.ubi.lakehouse.Tables;
import io.ubi.model.signal.BehaviouralSignal;
import io.ubi.transforms.Lake;
import io.ubi.transforms.SparkSchemas;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The nightly job's last stage: reads {@code gold.behavioural_signals}, publishes the signals that
 * are new or changed to {@code ubi.behavioural_signals}, then merges them into gold, so a re-run
 * publishes nothing twice.
 */
final class SignalMerge {
  private final Lake lake;
  private final BatchSettings settings;

  SignalMerge(Lake lake, BatchSettings settings) {
    this.lake = lake;
    this.settings = settings;
  }

  /**
   * Signals whose status, severity, score or update time differ from gold, published then merged.
   */
  List<BehaviouralSignal> publishAndMerge(Dataset<Row> signals) {
    Dataset<Row> existing =
        lake.read(Tables.BEHAVIOURAL_SIGNALS)
            .select("signal_id", "status", "severity", "score", "updated_at");
    Dataset<Row> changed =
        signals
            .as("n")
            .join(existing.as("o"), col("n.signal_id").equalTo(col("o.signal_id")), "left")
            .where(
                col("o.signal_id")
                    .isNull()
                    .or(col("n.status").notEqual(col("o.status")))
                    .or(col("n.severity").notEqual(col("o.severity")))
                    .or(col("n.score").notEqual(col("o.score")))
                    .or(col("n.updated_at").notEqual(col("o.updated_at"))))
            .select("n.*")
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<Row> changedRows = changed.collectAsList();
      List<BehaviouralSignal> rows =
          changedRows.stream().map(r -> SignalRows.fromRow(r::getAs)).toList();
      if (rows.isEmpty()) {
        return rows;
      }
      if (settings.hasBroker()) {
        try (SignalPublisher publisher =
            new SignalPublisher(settings.bootstrapServers(), settings.signalsTopic())) {
          publisher.publish(rows);
        }
      }
      Set<String> tenants = new TreeSet<>();
      Set<LocalDate> days = new TreeSet<>();
      for (BehaviouralSignal s : rows) {
        tenants.add(s.tenantId());
        days.add(LocalDate.parse(s.detectedFor()));
      }
      // Merge what was published, from the driver's copy: re-evaluating the join after the merge
      // would find nothing changed.
      lake.upsert(
          Tables.BEHAVIOURAL_SIGNALS,
          lake.spark().createDataFrame(changedRows, SparkSchemas.of(Tables.BEHAVIOURAL_SIGNALS)),
          tenants,
          days);
      return rows;
    } finally {
      changed.unpersist(true);
    }
  }
}
