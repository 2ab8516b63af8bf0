package io.ubi.transforms;

import io.delta.exceptions.DeltaConcurrentModificationException;
import io.delta.tables.DeltaTable;
import io.ubi.lakehouse.TableDef;
import io.ubi.lakehouse.Tables;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Delta lakehouse under one root directory: every read and write of the processing layers goes
 * through here, and every write is idempotent, so a replayed micro-batch or a re-run job neither
 * loses nor duplicates rows.
 */
public final class Lake {
  private static final Logger LOG = LoggerFactory.getLogger(Lake.class);
  private static final int MERGE_ATTEMPTS = 5;

  private final SparkSession spark;
  private final Path root;

  public Lake(SparkSession spark, Path root) {
    this.spark = spark;
    this.root = root.toAbsolutePath();
  }

  public Path root() {
    return root;
  }

  public SparkSession spark() {
    return spark;
  }

  public String location(TableDef table) {
    return table.location(root).toString();
  }

  /** Creates every declared table that does not exist yet. */
  public void ensureTables() {
    for (TableDef t : Tables.all()) {
      var create =
          DeltaTable.createIfNotExists(spark)
              .location(location(t))
              .addColumns(SparkSchemas.of(t))
              .partitionedBy(t.partitionBy().toArray(String[]::new));
      for (var p : t.properties().entrySet()) {
        create = create.property(p.getKey(), p.getValue());
      }
      DeltaTable table = create.execute();
      addMissingColumns(t, table);
      // A table created by an earlier version keeps its old properties unless restored here.
      Row detail = table.detail().first();
      Map<String, String> current = detail.getJavaMap(detail.fieldIndex("properties"));
      Map<String, String> missing = new TreeMap<>(t.properties());
      missing.entrySet().removeIf(p -> p.getValue().equals(current.get(p.getKey())));
      if (!missing.isEmpty()) {
        spark.sql(
            "ALTER TABLE delta.`"
                + location(t)
                + "` SET TBLPROPERTIES ("
                + missing.entrySet().stream()
                    .map(p -> "'" + p.getKey() + "' = '" + p.getValue() + "'")
                    .collect(Collectors.joining(", "))
                + ")");
      }
    }
  }

  /**
   * Adds the declared columns a table created by an earlier version lacks (always optional ones:
   * old rows read them as null), so a lake carries over an upgrade without a rewrite.
   */
  private void addMissingColumns(TableDef t, DeltaTable table) {
    Set<String> present = new HashSet<>(List.of(table.toDF().schema().fieldNames()));
    List<String> missing = new ArrayList<>();
    for (StructField f : SparkSchemas.of(t).fields()) {
      if (!present.contains(f.name())) {
        missing.add("`" + f.name() + "` " + f.dataType().sql());
      }
    }
    if (!missing.isEmpty()) {
      spark.sql(
          "ALTER TABLE delta.`"
              + location(t)
              + "` ADD COLUMNS ("
              + String.join(", ", missing)
              + ")");
    }
  }

  public Dataset<Row> read(TableDef table) {
    return spark.read().format("delta").load(location(table));
  }

  /**
   * Inserts the rows whose key is not in the table yet (insert-only MERGE), touching only the given
   * tenants and days: the deduplication of at-least-once delivery, across micro-batches.
   */
  public void insertNew(
      TableDef table, Dataset<Row> rows, Collection<String> tenants, Collection<LocalDate> days) {
    insertMissing(table, rows, prune(tenants, days) + " AND " + keyMatch(table));
  }

  /** {@link #insertNew} for a table partitioned by tenant alone. */
  public void insertNew(TableDef table, Dataset<Row> rows, Collection<String> tenants) {
    insertMissing(table, rows, "t.tenant_id IN (" + quoted(tenants) + ") AND " + keyMatch(table));
  }

  private void insertMissing(TableDef table, Dataset<Row> rows, String condition) {
    retryingConflicts(
        table,
        () ->
            DeltaTable.forPath(spark, location(table))
                .as("t")
                .merge(rows.as("s"), condition)
                .whenNotMatched()
                .insertAll()
                .execute());
  }

  /** Inserts new rows and replaces existing ones with the same key. */
  public void upsert(
      TableDef table, Dataset<Row> rows, Collection<String> tenants, Collection<LocalDate> days) {
    retryingConflicts(
        table,
        () ->
            DeltaTable.forPath(spark, location(table))
                .as("t")
                .merge(rows.as("s"), prune(tenants, days) + " AND " + keyMatch(table))
                .whenMatched()
                .updateAll()
                .whenNotMatched()
                .insertAll()
                .execute());
  }

  /**
   * Runs a merge again when another writer committed to the same partitions first (the speed
   * layer's provisional signals beside the nightly run): a merge of the same rows is idempotent, so
   * running it on the newer version is right.
   */
  private static void retryingConflicts(TableDef table, Runnable merge) {
    for (int attempt = 1; ; attempt++) {
      try {
        merge.run();
        return;
      } catch (DeltaConcurrentModificationException e) {
        if (attempt >= MERGE_ATTEMPTS) {
          throw e;
        }
        LOG.info(
            "Merge into {} met a concurrent commit ({}); attempt {} of {}",
            table.name(),
            e.getClass().getSimpleName(),
            attempt + 1,
            MERGE_ATTEMPTS);
      }
    }
  }

  /**
   * Atomically replaces the rows of the given tenants and days with {@code rows}. With an {@code
   * appId}, exactly once per {@code (appId, version)}: Delta skips a write whose version it has
   * already committed for that application id, so a replayed micro-batch is a no-op.
   */
  public void replacePartitions(
      TableDef table,
      Dataset<Row> rows,
      Collection<String> tenants,
      Collection<LocalDate> days,
      String appId,
      long version) {
    var writer =
        rows.write()
            .format("delta")
            .mode("overwrite")
            .option("replaceWhere", partitions("", tenants, days));
    if (appId != null) {
      writer = writer.option("txnAppId", appId).option("txnVersion", version);
    }
    writer.save(location(table));
  }

  /**
   * Appends exactly once per {@code (appId, version)}: Delta skips a write whose version it has
   * already committed for that application id, which makes a replayed micro-batch a no-op.
   */
  public void appendOnce(TableDef table, Dataset<Row> rows, String appId, long version) {
    rows.write()
        .format("delta")
        .mode("append")
        .option("txnAppId", appId)
        .option("txnVersion", version)
        .save(location(table));
  }

  /** Deletes the rows of the days before {@code day}: whole partitions, no data rewritten. */
  public void deleteBefore(TableDef table, LocalDate day) {
    DeltaTable.forPath(spark, location(table)).delete(functions.col("dt").lt(functions.lit(day)));
  }

  /** Atomically replaces the rows of the days in {@code [from, to]} with {@code rows}. */
  public void replaceDays(TableDef table, Dataset<Row> rows, LocalDate from, LocalDate to) {
    rows.write()
        .format("delta")
        .mode("overwrite")
        .option("replaceWhere", "dt >= '" + from + "' AND dt <= '" + to + "'")
        .save(location(table));
  }

  private static String keyMatch(TableDef table) {
    return table.key().stream()
        .map(k -> "t." + k + " = s." + k)
        .collect(Collectors.joining(" AND "));
  }

  static String prune(Collection<String> tenants, Collection<LocalDate> days) {
    return partitions("t.", tenants, days);
  }

  private static String partitions(
      String prefix, Collection<String> tenants, Collection<LocalDate> days) {
    return prefix
        + "tenant_id IN ("
        + quoted(tenants)
        + ") AND "
        + prefix
        + "dt IN ("
        + quoted(days)
        + ")";
  }

  static String quoted(Collection<?> values) {
    List<String> q = values.stream().map(v -> "'" + v.toString().replace("'", "''") + "'").toList();
    return q.isEmpty() ? "NULL" : String.join(", ", q);
  }
}
