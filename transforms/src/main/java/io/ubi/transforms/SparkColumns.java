package io.ubi.transforms;

import io.ubi.lakehouse.TableDef;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** Column lists for Spark's Java API. */
public final class SparkColumns {
  private SparkColumns() {}

  /** The declared columns of a table, in order: how a writer selects exactly the table's shape. */
  public static Column[] of(TableDef table) {
    return of(table.columnNames());
  }

  public static Column[] of(List<String> names) {
    return names.stream().map(functions::col).toArray(Column[]::new);
  }

  /**
   * A timestamp that differs from one micro-batch to the next (a processing time), as a column
   * whose generated code does not embed the value: a literal would be compiled into the code, so
   * every batch would miss Spark's code cache and compile its plans again.
   */
  public static Column instant(java.time.Instant value) {
    return functions
        .udf(
            (org.apache.spark.sql.api.java.UDF0<java.time.Instant>) () -> value,
            org.apache.spark.sql.types.DataTypes.TimestampType)
        .apply();
  }

  public static Seq<String> seq(String... names) {
    return seq(Arrays.asList(names));
  }

  public static Seq<String> seq(List<String> names) {
    return JavaConverters.asScalaBuffer(names).toSeq();
  }
}
