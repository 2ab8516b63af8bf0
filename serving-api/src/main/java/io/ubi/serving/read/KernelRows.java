package io.ubi.serving.read;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.StructType;
import io.ubi.lakehouse.TableDef;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Delta Kernel rows as the Java values of UBI's declared columns, and the partition predicate of a
 * read: the one mapping between Kernel's types and the table declarations on the API's side.
 */
final class KernelRows {
  private KernelRows() {}

  /** A row's values in declared column order; repeated strings share one instance per file. */
  static Object[] values(TableDef table, Row row, Map<String, String> strings) {
    List<io.ubi.lakehouse.Column> columns = table.columns();
    Object[] values = new Object[columns.size()];
    StructType schema = row.getSchema();
    for (int c = 0; c < values.length; c++) {
      int i = schema.indexOf(columns.get(c).name());
      Object v = i < 0 || row.isNullAt(i) ? null : value(columns.get(c), row, i);
      values[c] = v instanceof String text ? strings.computeIfAbsent(text, t -> t) : v;
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

  static Predicate predicate(String tenantId, LocalDate from, LocalDate to) {
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
