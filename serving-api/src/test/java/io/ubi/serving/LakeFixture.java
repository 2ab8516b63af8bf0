package io.ubi.serving;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Table;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionBuilder;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.defaults.internal.data.DefaultRowBasedColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.ubi.lakehouse.Column;
import io.ubi.lakehouse.TableDef;
import io.ubi.serving.read.KernelFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
import org.apache.hadoop.conf.Configuration;

/**
 * Writes rows into the lakehouse's Delta tables with Delta Kernel, so the serving API's reads can
 * be tested without Spark. Rows are column name to Java value as {@link
 * io.ubi.serving.read.LakeReader} returns them ({@link Instant}, {@link LocalDate}, ...); map
 * columns are not supported.
 */
public final class LakeFixture {
  private final Engine engine = DefaultEngine.create(new Configuration());
  private final Path root;

  public LakeFixture(Path root) {
    this.root = root;
  }

  /** Appends rows to the table, creating it (partitioned like production) on first use. */
  public void append(TableDef table, List<Map<String, Object>> rows) {
    Path location = table.location(root);
    boolean exists = Files.isDirectory(location.resolve("_delta_log"));
    StructType schema = schema(table);
    TransactionBuilder builder =
        Table.forPath(engine, location.toString())
            .createTransactionBuilder(
                engine, "ubi-serving-tests", exists ? Operation.WRITE : Operation.CREATE_TABLE);
    if (!exists) {
      builder =
          builder.withSchema(engine, schema).withPartitionColumns(engine, table.partitionBy());
    }
    Transaction txn = builder.build(engine);
    Row state = txn.getTransactionState(engine);

    Map<List<Object>, List<Row>> byPartition = new LinkedHashMap<>();
    for (Map<String, Object> r : rows) {
      List<Object> partition = table.partitionBy().stream().map(r::get).toList();
      byPartition.computeIfAbsent(partition, k -> new ArrayList<>()).add(row(table, schema, r));
    }
    List<Row> actions = new ArrayList<>();
    try {
      for (Map.Entry<List<Object>, List<Row>> p : byPartition.entrySet()) {
        Map<String, Literal> values = new HashMap<>();
        for (int i = 0; i < table.partitionBy().size(); i++) {
          String name = table.partitionBy().get(i);
          values.put(name, literal(table.column(name).orElseThrow(), p.getKey().get(i)));
        }
        FilteredColumnarBatch batch =
            new FilteredColumnarBatch(
                new DefaultRowBasedColumnarBatch(schema, p.getValue()), Optional.empty());
        CloseableIterator<FilteredColumnarBatch> physical =
            Transaction.transformLogicalData(
                engine, state, KernelFiles.closeable(List.of(batch).iterator()), values);
        DataWriteContext context = Transaction.getWriteContext(engine, state, values);
        CloseableIterator<DataFileStatus> files =
            engine
                .getParquetHandler()
                .writeParquetFiles(
                    context.getTargetDirectory(), physical, context.getStatisticsColumns());
        Transaction.generateAppendActions(engine, state, files, context)
            .forEachRemaining(actions::add);
      }
      txn.commit(
          engine, CloseableIterable.inMemoryIterable(KernelFiles.closeable(actions.iterator())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A feature row of silver.actor_features_daily or silver.actor_features_intraday. */
  public static Map<String, Object> feature(
      String tenant,
      String actor,
      String featureName,
      LocalDate dt,
      double value,
      Instant computedAt) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("feature_id", tenant + "/" + actor + "/" + featureName + "/" + dt);
    r.put("tenant_id", tenant);
    r.put("actor_scope", "actor");
    r.put("actor_or_group_id", actor);
    r.put("actor_type", "human");
    r.put("feature_name", featureName);
    r.put("dimension", "activity");
    r.put("window_start", dt.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    r.put("window_end", dt.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    r.put("value", value);
    r.put("confidence", 1.0);
    r.put("metadata", "{}");
    r.put("computed_at", computedAt);
    r.put("dt", dt);
    return r;
  }

  /** A row of silver.feature_baselines. */
  public static Map<String, Object> baseline(
      String tenant,
      String actor,
      String featureName,
      LocalDate dt,
      double observed,
      double mean,
      double stdDev,
      Double zScore) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("baseline_id", tenant + "/" + actor + "/" + featureName + "/" + dt);
    r.put("tenant_id", tenant);
    r.put("actor_scope", "actor");
    r.put("actor_or_group_id", actor);
    r.put("actor_type", "human");
    r.put("feature_name", featureName);
    r.put("dimension", "activity");
    r.put("window", "90d");
    r.put("mean", mean);
    r.put("std_dev", stdDev);
    r.put("p50", mean);
    r.put("p90", mean + stdDev);
    r.put("data_points", 30);
    r.put("outliers_excluded", 0);
    r.put("confidence", 0.9);
    r.put("low_confidence", false);
    r.put("observed_value", observed);
    r.put("z_score", zScore);
    r.put("reference_mean", mean);
    r.put("reference_std_dev", stdDev);
    r.put("last_recomputed_at", dt.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    r.put("dt", dt);
    return r;
  }

  /** A table's schema as the Spark writer declares it. */
  public static StructType schema(TableDef table) {
    StructType s = new StructType();
    for (Column c : table.columns()) {
      s = s.add(new StructField(c.name(), type(c), c.nullable()));
    }
    return s;
  }

  private static DataType type(Column c) {
    return switch (c.type()) {
      case STRING -> StringType.STRING;
      case INT -> IntegerType.INTEGER;
      case LONG -> LongType.LONG;
      case DOUBLE -> DoubleType.DOUBLE;
      case BOOLEAN -> BooleanType.BOOLEAN;
      case TIMESTAMP -> TimestampType.TIMESTAMP;
      case DATE -> DateType.DATE;
      case STRING_MAP, LONG_MAP, STATE_MAP ->
          throw new UnsupportedOperationException(
              "LakeFixture does not write map columns (" + c.name() + ")");
    };
  }

  private static Row row(TableDef table, StructType schema, Map<String, Object> values) {
    Map<Integer, Object> ordinals = new HashMap<>();
    for (int i = 0; i < table.columns().size(); i++) {
      Column c = table.columns().get(i);
      Object v = values.get(c.name());
      if (v == null && !c.nullable()) {
        throw new IllegalArgumentException(table.name() + "." + c.name() + " is required");
      }
      ordinals.put(i, v == null ? null : kernelValue(c, v));
    }
    return new ValuesRow(schema, ordinals);
  }

  /**
   * A row of Kernel physical values. Kernel's own GenericRow refuses {@code getLong} on a timestamp
   * column, which its Parquet writer calls, so the fixture brings its own.
   */
  private record ValuesRow(StructType schema, Map<Integer, Object> values) implements Row {
    @Override
    public StructType getSchema() {
      return schema;
    }

    @Override
    public boolean isNullAt(int i) {
      return values.get(i) == null;
    }

    @Override
    public boolean getBoolean(int i) {
      return (Boolean) values.get(i);
    }

    @Override
    public byte getByte(int i) {
      return (Byte) values.get(i);
    }

    @Override
    public short getShort(int i) {
      return (Short) values.get(i);
    }

    @Override
    public int getInt(int i) {
      return ((Number) values.get(i)).intValue();
    }

    @Override
    public long getLong(int i) {
      return ((Number) values.get(i)).longValue();
    }

    @Override
    public float getFloat(int i) {
      return ((Number) values.get(i)).floatValue();
    }

    @Override
    public double getDouble(int i) {
      return ((Number) values.get(i)).doubleValue();
    }

    @Override
    public String getString(int i) {
      return (String) values.get(i);
    }

    @Override
    public java.math.BigDecimal getDecimal(int i) {
      return (java.math.BigDecimal) values.get(i);
    }

    @Override
    public byte[] getBinary(int i) {
      return (byte[]) values.get(i);
    }

    @Override
    public Row getStruct(int i) {
      return (Row) values.get(i);
    }

    @Override
    public io.delta.kernel.data.ArrayValue getArray(int i) {
      return (io.delta.kernel.data.ArrayValue) values.get(i);
    }

    @Override
    public io.delta.kernel.data.MapValue getMap(int i) {
      return (io.delta.kernel.data.MapValue) values.get(i);
    }
  }

  private static Object kernelValue(Column c, Object v) {
    return switch (c.type()) {
      case TIMESTAMP -> ChronoUnit.MICROS.between(Instant.EPOCH, (Instant) v);
      case DATE -> (int) ((LocalDate) v).toEpochDay();
      default -> v;
    };
  }

  private static Literal literal(Column c, Object v) {
    return switch (c.type()) {
      case STRING -> Literal.ofString((String) v);
      case DATE -> Literal.ofDate((int) ((LocalDate) v).toEpochDay());
      default -> throw new IllegalArgumentException("partition column type " + c.type());
    };
  }
}
