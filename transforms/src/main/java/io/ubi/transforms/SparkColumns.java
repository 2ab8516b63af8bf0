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

  public static Seq<String> seq(String... names) {
    return seq(Arrays.asList(names));
  }

  public static Seq<String> seq(List<String> names) {
    return JavaConverters.asScalaBuffer(names).toSeq();
  }
}
