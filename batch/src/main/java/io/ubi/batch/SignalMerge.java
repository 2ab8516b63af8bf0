package io.ubi.batch;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.ubi.lakehouse.SignalRows;
import io.ubi.lakehouse.Tables;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.signal.BehaviouralSignal;
import io.ubi.transforms.Lake;
import io.ubi.transforms.SignalPublisher;
import io.ubi.transforms.SparkColumns;
import io.ubi.transforms.SparkSchemas;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The nightly job's signal stage: reads {@code gold.behavioural_signals}, publishes the signals
 * that are new or changed to {@code ubi.behavioural_signals}, then merges them into gold, so a
 * re-run publishes nothing twice. It is authoritative over the speed layer's provisional signals:
 * one it produces again is confirmed (no longer provisional), one it does not is withdrawn.
 */
final class SignalMerge {
  private final Lake lake;
  private final BatchSettings settings;
  private final TenantConfigs configs;

  SignalMerge(Lake lake, BatchSettings settings, TenantConfigs configs) {
    this.lake = lake;
    this.settings = settings;
    this.configs = configs;
  }

  /**
   * Signals whose status, severity, score, update time or provisional mark differ from gold, and
   * the speed layer's provisional signals of days up to {@code to} that this run did not confirm,
   * withdrawn: published, then merged.
   */
  List<BehaviouralSignal> publishAndMerge(Dataset<Row> signals, LocalDate to, Instant now) {
    Dataset<Row> existing =
        lake.read(Tables.BEHAVIOURAL_SIGNALS)
            .select("signal_id", "status", "severity", "score", "updated_at", "provisional");
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
                    .or(col("n.updated_at").notEqual(col("o.updated_at")))
                    .or(coalesce(col("o.provisional"), lit(false)).notEqual(col("n.provisional"))))
            .select("n.*")
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<BehaviouralSignal> rows = new ArrayList<>();
      changed.collectAsList().forEach(r -> rows.add(SignalRows.fromRow(r::getAs)));
      rows.addAll(withdrawals(signals, to, now));
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
      List<Row> out = new ArrayList<>();
      for (BehaviouralSignal s : rows) {
        tenants.add(s.tenantId());
        days.add(LocalDate.parse(s.detectedFor()));
        out.add(SparkSchemas.row(Tables.BEHAVIOURAL_SIGNALS, SignalRows.toRow(s)));
      }
      // Merge what was published, from the driver's copy: re-evaluating the join after the merge
      // would find nothing changed.
      lake.upsert(
          Tables.BEHAVIOURAL_SIGNALS,
          lake.spark().createDataFrame(out, SparkSchemas.of(Tables.BEHAVIOURAL_SIGNALS)),
          tenants,
          days);
      return rows;
    } finally {
      changed.unpersist(true);
    }
  }

  /**
   * The provisional signals in gold raised on a day up to {@code to} (the end of that day is their
   * {@code created_at}) that this run did not produce: the whole day did not bear them out. Only
   * tenants that deliver a class near real time have any.
   */
  private List<BehaviouralSignal> withdrawals(Dataset<Row> signals, LocalDate to, Instant now) {
    if (!configs.anyNearRealTime()) {
      return List.of();
    }
    Instant endOfTo = to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    return lake
        .read(Tables.BEHAVIOURAL_SIGNALS)
        .where(
            col("provisional")
                .equalTo(true)
                .and(col("status").equalTo("active"))
                .and(col("created_at").leq(lit(endOfTo))))
        .join(signals.select("signal_id"), SparkColumns.seq("signal_id"), "left_anti")
        .collectAsList()
        .stream()
        .map(r -> SignalRows.fromRow(r::getAs).withdrawn(now))
        .toList();
  }
}
