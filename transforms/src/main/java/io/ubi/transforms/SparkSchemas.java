package io.ubi.transforms;

import io.ubi.lakehouse.Column;
import io.ubi.lakehouse.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Spark schemas and rows from the table declarations. */
public final class SparkSchemas {
  private SparkSchemas() {}

  public static StructType of(TableDef table) {
    List<StructField> fields = new ArrayList<>();
    for (Column c : table.columns()) {
      fields.add(DataTypes.createStructField(c.name(), type(c), c.nullable()));
    }
    return DataTypes.createStructType(fields);
  }

  /** Adds nullable columns to a table's schema, e.g. for intermediate results. */
  public static StructType extend(StructType base, StructField... extra) {
    StructType s = base;
    for (StructField f : extra) {
      s = s.add(f);
    }
    return s;
  }

  /** A Row in declaration order from a column-to-value map built by the lakehouse mappings. */
  public static Row row(TableDef table, Map<String, Object> values) {
    Object[] ordered = new Object[table.columns().size()];
    int i = 0;
    for (Column c : table.columns()) {
      ordered[i++] = external(values.get(c.name()));
    }
    return RowFactory.create(ordered);
  }

  /**
   * A value in the external form Spark's row encoders accept: Java maps become Scala maps, since
   * {@code map<string,string>} columns reject {@code java.util.Map}.
   */
  public static Object external(Object value) {
    if (value instanceof Map<?, ?> m) {
      return scala.collection.JavaConverters.mapAsScalaMap(m);
    }
    return value;
  }

  static DataType type(Column c) {
    return switch (c.type()) {
      case STRING -> DataTypes.StringType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case BOOLEAN -> DataTypes.BooleanType;
      case TIMESTAMP -> DataTypes.TimestampType;
      case DATE -> DataTypes.DateType;
      case STRING_MAP -> DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true);
      case LONG_MAP -> DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, true);
      case STATE_MAP -> DataTypes.createMapType(DataTypes.StringType, STATE, true);
    };
  }

  /**
   * The model's {@code StateValue}, one struct type for every aggregator's stored state. Nullable
   * throughout: Delta refuses NOT NULL constraints nested in a map's values.
   */
  public static final StructType STATE =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField(
                  "longs", DataTypes.createArrayType(DataTypes.LongType), true),
              DataTypes.createStructField(
                  "doubles", DataTypes.createArrayType(DataTypes.DoubleType), true),
              DataTypes.createStructField(
                  "strings", DataTypes.createArrayType(DataTypes.StringType), true),
              DataTypes.createStructField("bytes", DataTypes.BinaryType, true)));
}
