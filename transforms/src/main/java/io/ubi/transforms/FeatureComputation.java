package io.ubi.transforms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;
import io.ubi.model.aggregate.StateValue;
import io.ubi.model.config.TenantConfig;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.feature.Expr;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.feature.FeatureDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Feature rows from the catalogue, for both layers: {@link FeatureStates} folds events into the
 * catalogue's aggregator states, and {@link #features} finishes each state row into one row per
 * defined feature value, with its named inputs, the day's event counts and whether the value has
 * the feature's minimum support.
 *
 * <p>The nightly job finishes the states it folds from bronze, and the windows it merges from them
 * ({@link #windowed}); the speed layer finishes its running states. The results have the columns of
 * the feature tables.
 */
public final class FeatureComputation {
  /**
   * The confidence of a value below its feature's minimum support: stored, so the day can be
   * explained, but never a baseline point or an anomaly.
   */
  public static final double LOW_SUPPORT_CONFIDENCE = 0.2;

  private FeatureComputation() {}

  /**
   * Feature rows of one grain from state rows with one row per tenant, day and actor: a day's
   * ({@link FeatureStates#fold}, {@link FeatureStates#merge}) or a window's ({@link
   * FeatureStates#window}, whose {@code dt} is each window's last day).
   */
  public static Dataset<Row> features(
      Dataset<Row> states, FeatureGrain grain, TenantConfigs configs, Instant computedAt) {
    return FeatureStates.current(states)
        .flatMap(
            (FlatMapFunction<Row, Row>)
                r ->
                    rows(
                        r, grain, configs.forTenant(r.getString(FeatureStates.TENANT)), computedAt),
            Encoders.row(SparkSchemas.of(grain.table())));
  }

  private static Iterator<Row> rows(
      Row state, FeatureGrain grain, TenantConfig config, Instant computedAt) {
    ZoneId zone = config.workingHours().timeZone();
    Map<String, StateValue> states = FeatureStates.states(state);
    Map<String, Long> counts = FeatureStates.eventCounts(state);
    String tenant = state.getString(FeatureStates.TENANT);
    String actor = state.getString(FeatureStates.ACTOR);
    LocalDate dt = (LocalDate) state.get(FeatureStates.DT);
    Instant windowStart = dt.minusDays(grain.days() - 1L).atStartOfDay(zone).toInstant();
    double elapsed =
        Duration.between(windowStart, computedAt).toSeconds()
            / (double) Duration.between(windowStart, dt.plusDays(1).atStartOfDay(zone)).toSeconds();
    List<Row> out = new ArrayList<>();
    for (FeatureDefinition f : FeatureCatalog.all()) {
      List<Expr.Leaf> leaves = f.value().leaves();
      Double[] values = new Double[leaves.size()];
      ObjectNode meta = Json.MAPPER.createObjectNode();
      ObjectNode inputs = meta.putObject("inputs");
      for (int i = 0; i < leaves.size(); i++) {
        StateValue s = states.get(FeatureStates.key(leaves.get(i)));
        values[i] = s == null ? null : leaves.get(i).finish(s);
        inputs.put(leaves.get(i).label(), values[i]);
      }
      Double value = Expr.combine(f.value(), values);
      if (value == null) {
        continue;
      }
      Double support = Expr.support(f.value(), values);
      boolean supported = support != null && support >= config.features().minSupport(f);
      meta.set("event_counts", Json.MAPPER.valueToTree(counts));
      meta.put("supported", supported);
      meta.put("catalogue_version", FeatureCatalog.catalogue().version());
      double confidence = Math.max(0, Math.min(1.0, elapsed));
      out.add(
          new FeatureRow(tenant, "actor", actor, FeatureStates.actorType(state), f, dt, grain, zone)
              .toRow(
                  grain.table(),
                  value,
                  supported ? confidence : Math.min(confidence, LOW_SUPPORT_CONFIDENCE),
                  meta,
                  computedAt));
    }
    return out.iterator();
  }
}
