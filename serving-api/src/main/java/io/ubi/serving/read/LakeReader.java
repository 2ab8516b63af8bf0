package io.ubi.serving.read;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.ubi.lakehouse.TableDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads lakehouse tables without Spark, through Delta Kernel. Every read names one tenant (or all,
 * for privileged callers) and a {@code dt} range, which Kernel turns into partition pruning; values
 * come back as Java types keyed by the declared column names.
 */
public final class LakeReader {
  private final Engine engine = DefaultEngine.create(new Configuration());
  private final Path root;

  public LakeReader(Path root) {
    this.root = root.toAbsolutePath();
  }

  /**
   * The version of the table's latest snapshot: reads its log, so it fails when the lakehouse
   * cannot be read (storage gone, permissions, a corrupt log).
   *
   * @throws TableNotFoundException when the table was never created
   */
  public long version(TableDef table) {
    return Table.forPath(engine, table.location(root).toString())
        .getLatestSnapshot(engine)
        .getVersion(engine);
  }

  /**
   * @param tenantId one tenant, or null for every tenant
   * @param from first day, inclusive, or null
   * @param to last day, inclusive, or null
   */
  public List<Map<String, Object>> read(
      TableDef table, String tenantId, LocalDate from, LocalDate to) {
    Optional<Scanned> scanned = scan(table, tenantId, from, to);
    if (scanned.isEmpty()) {
      return List.of();
    }
    Row scanState = scanned.get().scan().getScanState(engine);
    // UBI's tables are written without column mapping: physical names are the logical ones.
    StructType physical = KernelFiles.physicalSchema(scanned.get().schema(), table.partitionBy());
    List<Map<String, Object>> rows = new ArrayList<>();
    forEachFile(
        table,
        scanned.get().scan(),
        file -> readFile(table, scanState, physical, file, tenantId, from, to, rows));
    return rows;
  }

  /**
   * The newest {@code dt} holding rows of the tenant within {@code [from, to]}, or empty: read from
   * the table's log alone (partition values of its files), without opening a data file.
   */
  public Optional<LocalDate> latestDay(
      TableDef table, String tenantId, LocalDate from, LocalDate to) {
    Optional<Scanned> scanned = scan(table, tenantId, from, to);
    if (scanned.isEmpty()) {
      return Optional.empty();
    }
    LocalDate[] latest = {null};
    forEachFile(
        table,
        scanned.get().scan(),
        file -> {
          Map<String, String> partition = KernelFiles.partitionValues(file);
          LocalDate dt = LocalDate.parse(partition.get("dt"));
          if (tenantId.equals(partition.get("tenant_id"))
              && !dt.isBefore(from)
              && !dt.isAfter(to)
              && (latest[0] == null || dt.isAfter(latest[0]))) {
            latest[0] = dt;
          }
        });
    return Optional.ofNullable(latest[0]);
  }

  /** A scan of the latest snapshot and that snapshot's schema. */
  private record Scanned(Scan scan, StructType schema) {}

  /** The latest snapshot's files of the tenant and days, or empty if the table does not exist. */
  private Optional<Scanned> scan(TableDef table, String tenantId, LocalDate from, LocalDate to) {
    Snapshot snapshot;
    try {
      snapshot = Table.forPath(engine, table.location(root).toString()).getLatestSnapshot(engine);
    } catch (TableNotFoundException e) {
      return Optional.empty();
    }
    return Optional.of(
        new Scanned(
            snapshot
                .getScanBuilder(engine)
                .withFilter(engine, predicate(tenantId, from, to))
                .build(),
            snapshot.getSchema(engine)));
  }

  private interface ScanFileConsumer {
    void accept(Row scanFile) throws IOException;
  }

  private void forEachFile(TableDef table, Scan scan, ScanFileConsumer consumer) {
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (CloseableIterator<Row> fileRows = files.next().getRows()) {
          while (fileRows.hasNext()) {
            consumer.accept(fileRows.next());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + table.name() + ": " + e.getMessage(), e);
    }
  }

  private void readFile(
      TableDef table,
      Row scanState,
      StructType physical,
      Row scanFile,
      String tenantId,
      LocalDate from,
      LocalDate to,
      List<Map<String, Object>> out)
      throws IOException {
    FileStatus file = KernelFiles.status(scanFile);
    CloseableIterator<io.delta.kernel.data.ColumnarBatch> physicalData =
        engine
            .getParquetHandler()
            .readParquetFiles(
                KernelFiles.closeable(List.of(file).iterator()), physical, Optional.empty());
    try (CloseableIterator<FilteredColumnarBatch> data =
        Scan.transformPhysicalData(engine, scanState, scanFile, physicalData)) {
      while (data.hasNext()) {
        try (CloseableIterator<Row> rows = data.next().getRows()) {
          while (rows.hasNext()) {
            Map<String, Object> values = values(table, rows.next());
            // Pruning is by partition; checking again keeps isolation independent of it.
            LocalDate dt = (LocalDate) values.get("dt");
            if ((tenantId == null || tenantId.equals(values.get("tenant_id")))
                && (from == null || !dt.isBefore(from))
                && (to == null || !dt.isAfter(to))) {
              out.add(values);
            }
          }
        }
      }
    }
  }

  private static Map<String, Object> values(TableDef table, Row row) {
    Map<String, Object> values = new LinkedHashMap<>();
    StructType schema = row.getSchema();
    for (io.ubi.lakehouse.Column c : table.columns()) {
      int i = schema.indexOf(c.name());
      values.put(c.name(), i < 0 || row.isNullAt(i) ? null : value(c, row, i));
    }
    return values;
  }

  private static Object value(io.ubi.lakehouse.Column c, Row row, int i) {
    return switch (c.type()) {
      case STRING -> row.getString(i);
      case INT -> row.getInt(i);
      case LONG -> row.getLong(i);
      case DOUBLE -> row.getDouble(i);
      case BOOLEAN -> row.getBoolean(i);
      case TIMESTAMP -> Instant.EPOCH.plus(row.getLong(i), ChronoUnit.MICROS);
      case DATE -> LocalDate.ofEpochDay(row.getInt(i));
      case STRING_MAP -> map(row.getMap(i), ColumnVector::getString);
      case LONG_MAP -> map(row.getMap(i), ColumnVector::getLong);
      // Aggregator states are for the layers that merge them; the API reads finished values.
      case STATE_MAP ->
          throw new IllegalArgumentException(
              "Cannot read column "
                  + c.name()
                  + ": the API reads feature values, not the aggregator states they are finished from");
    };
  }

  private static <V> Map<String, V> map(MapValue m, BiFunction<ColumnVector, Integer, V> value) {
    Map<String, V> out = new HashMap<>();
    ColumnVector keys = m.getKeys();
    ColumnVector vals = m.getValues();
    for (int j = 0; j < m.getSize(); j++) {
      out.put(keys.getString(j), vals.isNullAt(j) ? null : value.apply(vals, j));
    }
    return out;
  }

  private static Predicate predicate(String tenantId, LocalDate from, LocalDate to) {
    List<Predicate> parts = new ArrayList<>();
    if (tenantId != null) {
      parts.add(new Predicate("=", new Column("tenant_id"), Literal.ofString(tenantId)));
    }
    if (from != null) {
      parts.add(new Predicate(">=", new Column("dt"), Literal.ofDate((int) from.toEpochDay())));
    }
    if (to != null) {
      parts.add(new Predicate("<=", new Column("dt"), Literal.ofDate((int) to.toEpochDay())));
    }
    if (parts.isEmpty()) {
      return new Predicate("=", Literal.ofBoolean(true), Literal.ofBoolean(true));
    }
    Predicate p = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      p = new io.delta.kernel.expressions.And(p, parts.get(i));
    }
    return p;
  }
}
