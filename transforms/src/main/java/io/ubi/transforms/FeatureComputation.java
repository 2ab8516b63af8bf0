package io.ubi.transforms;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.bit_count;
import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
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
import io.ubi.model.aggregate.ActiveHours;
import io.ubi.model.aggregate.Aggregator;
import io.ubi.model.aggregate.Count;
import io.ubi.model.aggregate.EventFilter;
import io.ubi.model.feature.Expr;
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
 * Compiles the {@link FeatureCatalog} into Spark, in two steps that both layers share:
 *
 * <ol>
 *   <li>{@link #stats}: per tenant, UTC day, actor and event type, the statistics every leaf of
 *       every feature can be computed from: event counts (all, after hours) and 24-bit masks of the
 *       UTC hours with events (all, after hours). They merge by addition and bitwise or, so the
 *       speed layer keeps a running day per actor ({@code silver.actor_event_stats_intraday})
 *       without rescanning the day's events;
 *   <li>{@link #features}: from those statistics, per tenant, day and actor, every leaf and then
 *       the feature values through the model's own {@link Expr#combine}.
 * </ol>
 *
 * <p>{@link #compute} chains both: the batch layer runs it over whole days from bronze. The result
 * has the columns of the feature tables.
 */
public final class FeatureComputation {
  private static final List<String> GROUP = List.of("tenant_id", "dt", "actor_pseudonym");
  private static final List<String> STATS_KEY =
      List.of("tenant_id", "dt", "actor_pseudonym", "event_type");

  private FeatureComputation() {}

  /**
   * @param events rows of {@code bronze.behavioural_events} (at least tenant_id, dt,
   *     actor_pseudonym, actor_type, event_type, timestamp_utc)
   * @param computation {@code daily} or {@code intraday}, part of each feature_id
   */
  public static Dataset<Row> compute(
      Dataset<Row> events, TenantConfigs configs, String computation, Instant computedAt) {
    return features(stats(events, configs, computedAt), computation, computedAt);
  }

  /**
   * Per tenant, day, actor and event type: the columns of
   * {@code silver.actor_event_stats_intraday}.
   */
  public static Dataset<Row> stats(Dataset<Row> events, TenantConfigs configs,
      Instant computedAt) {
    UserDefinedFunction afterHours = udf(
        (UDF2<String, Instant, Boolean>) (tenant, ts) ->
            configs.forTenant(tenant).workingHours().isAfterHours(ts),
        DataTypes.BooleanType);
    Column hourBit = expr("shiftleft(1, hour(timestamp_utc))");
    Column late = col("after_hours");
    return events
        .select("tenant_id", "dt", "actor_pseudonym", "actor_type", "event_type", "timestamp_utc")
        .withColumn("after_hours", afterHours.apply(col("tenant_id"), col("timestamp_utc")))
        .groupBy(SparkColumns.of(STATS_KEY))
        .agg(max("actor_type").as("actor_type"),
            count(lit(1)).as("events"),
            sum(when(late, 1L).otherwise(0L)).as("after_hours_events"),
            bit_or(hourBit).as("active_hours_mask"),
            bit_or(when(late, hourBit).otherwise(0)).as("after_hours_mask"))
        .withColumn("updated_at", SparkColumns.instant(computedAt))
        .select(SparkColumns.of(Tables.ACTOR_EVENT_STATS_INTRADAY));
  }

  /**
   * Merges statistics rows with the same key (partial statistics of one actor-day, e.g. a day so
   * far and a new micro-batch) into one: counts add up, hour masks combine by bitwise or.
   */
  public static Dataset<Row> mergeStats(Dataset<Row> stats) {
    return stats.groupBy(SparkColumns.of(STATS_KEY))
        .agg(max("actor_type").as("actor_type"),
            sum("events").as("events"),
            sum("after_hours_events").as("after_hours_events"),
            bit_or(col("active_hours_mask")).as("active_hours_mask"),
            bit_or(col("after_hours_mask")).as("after_hours_mask"),
            max("updated_at").as("updated_at"))
        .select(SparkColumns.of(Tables.ACTOR_EVENT_STATS_INTRADAY));
  }

  /**
   * Feature rows from statistics rows with one row per key, as {@link #stats} and
   * {@link #mergeStats} give them and {@code silver.actor_event_stats_intraday} holds them.
   */
  public static Dataset<Row> features(Dataset<Row> stats, String computation,
      Instant computedAt) {
    List<FeatureDefinition> features = FeatureCatalog.all();
    List<Column> aggs = new ArrayList<>();
    for (int f = 0; f < features.size(); f++) {
      List<Expr.Leaf> leaves = features.get(f).value().leaves();
      for (int l = 0; l < leaves.size(); l++) {
        aggs.add(leaf(leaves.get(l)).cast("double").as(leafColumn(f, l)));
      }
    }
    aggs.add(map_from_entries(collect_list(struct(col("event_type"), col("events"))))
        .as("event_counts"));
    Dataset<Row> leafValues = stats.groupBy(SparkColumns.of(GROUP))
        .agg(max("actor_type").as("actor_type"), aggs.toArray(Column[]::new));

    UserDefinedFunction combine = udf(
        (UDF2<String, Seq<Object>, Double>) FeatureComputation::combine, DataTypes.DoubleType);
    List<Column> perFeature = new ArrayList<>();
    for (int f = 0; f < features.size(); f++) {
      FeatureDefinition def = features.get(f);
      List<Expr.Leaf> leaves = def.value().leaves();
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
    return leafValues
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
            windowStart.plus(expr("INTERVAL 1 DAY")).as("window_end"),
            col("f.value").as("value"),
            least(lit(1.0), unix_timestamp(SparkColumns.instant(computedAt))
                .minus(unix_timestamp(windowStart))
                .divide(86400.0)).as("confidence"),
            col("f.metadata").as("metadata"),
            SparkColumns.instant(computedAt).as("computed_at"),
            col("dt"))
        .select(SparkColumns.of(Tables.ACTOR_FEATURES_DAILY));
  }

  /**
   * A leaf over merged statistics rows of one actor-day (one row per event type). These
   * statistics hold counts and hour masks per event type, so they compute the catalogue's counts
   * and active hours; an aggregator they cannot compute is refused when the job is planned.
   */
  static Column leaf(Expr.Leaf leaf) {
    Aggregator<?> agg = leaf.aggregator();
    EventFilter f = agg.filter();
    boolean counted = agg instanceof Count || agg instanceof ActiveHours;
    if (!counted || !f.attributes().isEmpty()) {
      throw new IllegalStateException("Cannot compute feature input '" + leaf.label() + "' ("
          + agg + ") from per-event-type statistics: only counts and active hours without"
          + " attribute filters are");
    }
    Column matches = f.eventTypes().isEmpty() ? lit(true)
        : col("event_type").isin(f.eventTypes().stream().sorted().toArray());
    if (agg instanceof Count) {
      return sum(when(matches, col(f.afterHoursOnly() ? "after_hours_events" : "events"))
          .otherwise(0L));
    }
    return bit_count(bit_or(when(matches,
        col(f.afterHoursOnly() ? "after_hours_mask" : "active_hours_mask")).otherwise(0)));
  }

  private static Double combine(String featureName, Seq<Object> leaves) {
    Double[] values = new Double[leaves.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = ((Number) leaves.apply(i)).doubleValue();
    }
    return Expr.combine(FeatureCatalog.byName(featureName).orElseThrow().value(), values);
  }

  private static String leafColumn(int feature, int leaf) {
    return "leaf_" + feature + "_" + leaf;
  }
}
