package io.ubi.transforms;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import io.ubi.lakehouse.Tables;
import io.ubi.model.Ids;
import io.ubi.model.Wire;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.feature.Aggregation;
import io.ubi.model.feature.EventFilter;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.feature.FeatureDefinition;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF6;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.Seq;

/**
 * Compiles the {@link FeatureCatalog} into one Spark aggregation: per tenant, actor and UTC day,
 * every leaf of every feature, then the feature values through the model's own
 * {@link Aggregation#combine}. The speed layer runs it over the days still receiving events, the
 * batch layer over whole days from bronze; the result has the columns of the feature tables.
 */
public final class FeatureComputation {
  private static final List<String> GROUP = List.of("tenant_id", "dt", "actor_pseudonym");

  private FeatureComputation() {}

  /**
   * @param events rows of {@code bronze.behavioural_events} (at least tenant_id, dt,
   *     actor_pseudonym, actor_type, event_type, timestamp_utc)
   * @param computation {@code daily} or {@code intraday}, part of each feature_id
   */
  public static Dataset<Row> compute(
      Dataset<Row> events, TenantConfigs configs, String computation, Instant computedAt) {
    UserDefinedFunction afterHours = udf(
        (UDF2<String, Instant, Boolean>) (tenant, ts) ->
            configs.forTenant(tenant).workingHours().isAfterHours(ts),
        DataTypes.BooleanType);
    Dataset<Row> ev = events
        .select("tenant_id", "dt", "actor_pseudonym", "actor_type", "event_type", "timestamp_utc")
        .withColumn("after_hours", afterHours.apply(col("tenant_id"), col("timestamp_utc")));

    List<FeatureDefinition> features = FeatureCatalog.all();
    List<Column> aggs = new ArrayList<>();
    aggs.add(max("actor_type").as("actor_type"));
    for (int f = 0; f < features.size(); f++) {
      List<Aggregation.Leaf> leaves = features.get(f).aggregation().leaves();
      for (int l = 0; l < leaves.size(); l++) {
        aggs.add(leaf(leaves.get(l)).cast("double").as(leafColumn(f, l)));
      }
    }
    Dataset<Row> leafValues = ev.groupBy(SparkColumns.of(GROUP))
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
    Dataset<Row> eventCounts = ev.groupBy(SparkColumns.of(List.of("tenant_id", "dt", "actor_pseudonym",
            "event_type"))).agg(count(lit(1)).as("n"))
        .groupBy(SparkColumns.of(GROUP))
        .agg(map_from_entries(collect_list(struct(col("event_type"), col("n")))).as("event_counts"));

    UserDefinedFunction combine = udf(
        (UDF2<String, Seq<Object>, Double>) FeatureComputation::combine, DataTypes.DoubleType);
    List<Column> perFeature = new ArrayList<>();
    for (int f = 0; f < features.size(); f++) {
      FeatureDefinition def = features.get(f);
      List<Aggregation.Leaf> leaves = def.aggregation().leaves();
      List<Column> leafCols = new ArrayList<>();
      List<Column> inputs = new ArrayList<>();
      for (int l = 0; l < leaves.size(); l++) {
        leafCols.add(col(leafColumn(f, l)));
        inputs.add(lit(leaves.get(l).label()));
        inputs.add(col(leafColumn(f, l)));
      }
      perFeature.add(struct(
          lit(def.name()).as("feature_name"),
          lit(Wire.lower(def.dimension())).as("dimension"),
          combine.apply(lit(def.name()), array(leafCols.toArray(Column[]::new))).as("value"),
          to_json(struct(map(inputs.toArray(Column[]::new)).as("inputs"),
              col("event_counts"))).as("metadata")));
    }

    UserDefinedFunction featureId = udf(
        (UDF6<String, String, String, String, LocalDate, String, String>) Ids::feature,
        DataTypes.StringType);
    Column windowStart = col("dt").cast("timestamp");
    return leafValues.join(eventCounts, SparkColumns.seq(GROUP))
        .select(col("tenant_id"), col("dt"), col("actor_pseudonym"), col("actor_type"),
            explode(array(perFeature.toArray(Column[]::new))).as("f"))
        .where(col("f.value").isNotNull())
        .select(
            featureId.apply(col("tenant_id"), lit("actor"), col("actor_pseudonym"),
                col("f.feature_name"), col("dt"), lit(computation)).as("feature_id"),
            col("tenant_id"),
            lit("actor").as("actor_scope"),
            col("actor_pseudonym").as("actor_or_group_id"),
            col("actor_type"),
            col("f.feature_name").as("feature_name"),
            col("f.dimension").as("dimension"),
            windowStart.as("window_start"),
            windowStart.plus(org.apache.spark.sql.functions.expr("INTERVAL 1 DAY")).as("window_end"),
            col("f.value").as("value"),
            least(lit(1.0), lit(computedAt.getEpochSecond()).minus(unix_timestamp(windowStart))
                .divide(86400.0)).as("confidence"),
            col("f.metadata").as("metadata"),
            lit(computedAt).as("computed_at"),
            col("dt"))
        .select(SparkColumns.of(Tables.ACTOR_FEATURES_DAILY));
  }

  static Column leaf(Aggregation.Leaf leaf) {
    Column matches = filter(leaf.filter());
    if (leaf instanceof Aggregation.Count) {
      return sum(when(matches, 1).otherwise(0));
    }
    return countDistinct(when(matches, date_trunc("hour", col("timestamp_utc"))));
  }

  static Column filter(EventFilter f) {
    Column c = f.eventTypes().isEmpty() ? lit(true)
        : col("event_type").isin(f.eventTypes().stream().sorted().toArray());
    return f.afterHoursOnly() ? c.and(col("after_hours")) : c;
  }

  private static Double combine(String featureName, Seq<Object> leaves) {
    double[] values = new double[leaves.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = ((Number) leaves.apply(i)).doubleValue();
    }
    return Aggregation.combine(FeatureCatalog.byName(featureName).orElseThrow().aggregation(),
        values);
  }

  private static String leafColumn(int feature, int leaf) {
    return "leaf_" + feature + "_" + leaf;
  }
}
