package io.ubi.transforms;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import io.ubi.lakehouse.Tables;
import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How far the two layers are apart, per tenant and day: the speed layer's intraday actor features
 * against the nightly job's, value by value (the rows of {@code silver.layer_parity_daily}). Both
 * compile the same catalogue, so a difference on a day the stream has fully seen is a bug, and a
 * value only the nightly job has is an event the stream has not (yet) processed.
 */
public final class LayerParity {
  /** Values closer than this are equal: both layers run the same double arithmetic. */
  public static final double TOLERANCE = 1e-9;

  private LayerParity() {}

  /**
   * @param batch actor rows of {@code silver.actor_features_daily}
   * @param stream rows of {@code silver.actor_features_intraday} of the same days
   */
  public static Dataset<Row> compare(Dataset<Row> batch, Dataset<Row> stream, Instant at) {
    Column[] key = {col("tenant_id"), col("dt"), col("actor_or_group_id"), col("feature_name")};
    Dataset<Row> b =
        batch
            .where(col("actor_scope").equalTo("actor"))
            .select(key[0], key[1], key[2], key[3], col("value").as("batch_value"));
    Dataset<Row> s = stream.select(key[0], key[1], key[2], key[3], col("value").as("stream_value"));
    Column both = col("batch_value").isNotNull().and(col("stream_value").isNotNull());
    Column difference = abs(col("batch_value").minus(col("stream_value")));
    return b.join(
            s,
            SparkColumns.seq("tenant_id", "dt", "actor_or_group_id", "feature_name"),
            "full_outer")
        .groupBy("tenant_id", "dt")
        .agg(
            count(when(both, lit(1))).as("compared"),
            count(when(both.and(difference.gt(TOLERANCE)), lit(1))).as("mismatched"),
            count(when(col("batch_value").isNull(), lit(1))).as("only_in_stream"),
            count(when(col("stream_value").isNull(), lit(1))).as("only_in_batch"),
            max(when(both, difference)).as("max_abs_difference"))
        .withColumn("computed_at", SparkColumns.instant(at))
        .select(SparkColumns.of(Tables.LAYER_PARITY_DAILY));
  }
}
