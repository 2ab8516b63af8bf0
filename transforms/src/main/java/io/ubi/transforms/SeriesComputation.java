package io.ubi.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.lakehouse.SignalRows;
import io.ubi.lakehouse.Tables;
import io.ubi.model.Ids;
import io.ubi.model.Json;
import io.ubi.model.Wire;
import io.ubi.model.baseline.Baseline;
import io.ubi.model.config.TenantConfig;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.feature.FeatureDefinition;
import io.ubi.model.signal.ActorScope;
import io.ubi.model.signal.BehaviouralSignal;
import io.ubi.model.signal.DailyObservation;
import io.ubi.model.signal.DayAssessment;
import io.ubi.model.signal.SeriesAnalysis;
import io.ubi.model.signal.SignalDetector;
import io.ubi.model.signal.SignalEpisode;
import io.ubi.model.signal.SignalFactory;
import io.ubi.model.signal.SignalStatus;
import io.ubi.model.signal.SignalType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Runs the model's baseline fold ({@link SeriesAnalysis}) and anomaly rules ({@link
 * SignalDetector}) over each subject's daily feature history (an actor, team, cohort or tenant),
 * grouped per tenant, scope, subject and feature.
 * Grouping keys always include the tenant: no computation crosses tenants.
 */
public final class SeriesComputation {
  private SeriesComputation() {}

  /** Baseline rows of {@link Tables#FEATURE_BASELINES} for the days in {@code [from, to]}. */
  public static Dataset<Row> baselines(Dataset<Row> dailyFeatures, TenantConfigs configs,
      LocalDate from, LocalDate to, Instant now) {
    return grouped(dailyFeatures).flatMapGroups(
        (FlatMapGroupsFunction<String, Row, Row>) (key, rows) -> {
          Series s = Series.of(rows);
          TenantConfig config = configs.forTenant(s.tenantId);
          s.keepWindow(config, to);
          List<Row> out = new ArrayList<>();
          for (DayAssessment day : SeriesAnalysis.assess(s.feature, config.baseline(),
              config.workingHours().workdays(), s.days)) {
            LocalDate dt = day.observation().dt();
            if (!dt.isBefore(from) && !dt.isAfter(to)) {
              out.add(baselineRow(s, config, day, now));
            }
          }
          return out.iterator();
        }, Encoders.row(SparkSchemas.of(Tables.FEATURE_BASELINES)));
  }

  /**
   * Signal rows of {@link Tables#BEHAVIOURAL_SIGNALS} for episodes that changed in
   * {@code [from, to]} or are still active, of the signal types the tenant enables.
   */
  public static Dataset<Row> signals(Dataset<Row> dailyFeatures, TenantConfigs configs,
      LocalDate from, LocalDate to) {
    return grouped(dailyFeatures).flatMapGroups(
        (FlatMapGroupsFunction<String, Row, Row>) (key, rows) -> {
          Series s = Series.of(rows);
          TenantConfig config = configs.forTenant(s.tenantId);
          s.keepWindow(config, to);
          List<DayAssessment> days = SeriesAnalysis.assess(s.feature, config.baseline(),
              config.workingHours().workdays(), s.days);
          List<Row> out = new ArrayList<>();
          for (SignalEpisode e : SignalDetector.detect(s.feature, config.anomalyThresholds(), days)) {
            SignalType type = e.rule().signalType();
            LocalDate changed = e.resolvedOn() != null ? e.resolvedOn() : e.latest().observation().dt();
            boolean inRange = !changed.isBefore(from) && !e.startedOn().isAfter(to);
            if (config.emits(type) && (inRange || e.status() == SignalStatus.ACTIVE)) {
              BehaviouralSignal signal = SignalFactory.build(
                  new SignalFactory.Subject(s.tenantId, s.actorScope(), s.entity, s.actorType),
                  s.feature, e);
              out.add(SparkSchemas.row(Tables.BEHAVIOURAL_SIGNALS, SignalRows.toRow(signal)));
            }
          }
          return out.iterator();
        }, Encoders.row(SparkSchemas.of(Tables.BEHAVIOURAL_SIGNALS)));
  }

  private static org.apache.spark.sql.KeyValueGroupedDataset<String, Row> grouped(
      Dataset<Row> features) {
    return features
        .select("tenant_id", "actor_scope", "actor_or_group_id", "actor_type", "feature_name",
            "dt", "value", "metadata")
        .groupByKey((MapFunction<Row, String>) r -> r.getString(0) + '\u0000' + r.getString(1)
            + '\u0000' + r.getString(2) + '\u0000' + r.getString(4), Encoders.STRING());
  }

  private static Row baselineRow(Series s, TenantConfig config, DayAssessment day, Instant now) {
    Baseline b = day.after();
    Baseline ref = day.reference();
    LocalDate dt = day.observation().dt();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("baseline_id", Ids.baseline(s.tenantId, s.scope, s.entity, s.feature.name(), dt));
    v.put("tenant_id", s.tenantId);
    v.put("actor_scope", s.scope);
    v.put("actor_or_group_id", s.entity);
    v.put("actor_type", s.actorType);
    v.put("feature_name", s.feature.name());
    v.put("dimension", Wire.lower(s.feature.dimension()));
    v.put("window", config.baseline().windowDays() + "d");
    v.put("mean", b.mean());
    v.put("std_dev", b.stdDev());
    v.put("p50", b.p50());
    v.put("p90", b.p90());
    v.put("data_points", b.dataPoints());
    v.put("outliers_excluded", b.outliersExcluded());
    v.put("confidence", b.confidence());
    v.put("low_confidence", b.lowConfidence());
    v.put("observed_value", day.observation().value());
    v.put("z_score", day.zScore());
    v.put("reference_mean", ref.mean());
    v.put("reference_std_dev", ref.stdDev());
    v.put("last_recomputed_at", now);
    v.put("dt", dt);
    return SparkSchemas.row(Tables.FEATURE_BASELINES, v);
  }

  /** One group's rows as a model series. */
  private static final class Series {
    String tenantId;
    String scope;
    String entity;
    String actorType;
    FeatureDefinition feature;
    final List<DailyObservation> days = new ArrayList<>();

    static Series of(Iterator<Row> rows) {
      Series s = new Series();
      while (rows.hasNext()) {
        Row r = rows.next();
        if (s.tenantId == null) {
          s.tenantId = r.getString(0);
          s.scope = r.getString(1);
          s.entity = r.getString(2);
          s.actorType = r.getString(3);
          Optional<FeatureDefinition> f = FeatureCatalog.byName(r.getString(4));
          s.feature = f.orElseThrow(() -> new IllegalStateException(
              "Feature " + r.getString(4) + " in the lakehouse is not in the FeatureCatalog"));
        }
        s.days.add(observation(r));
      }
      return s;
    }

    ActorScope actorScope() {
      return Wire.parse(ActorScope.class, scope).orElseThrow(() -> new IllegalStateException(
          "Feature rows of " + tenantId + " name an unknown scope '" + scope + "'"));
    }

    /** Drops days older than the tenant's baseline window ending at {@code to}. */
    void keepWindow(TenantConfig config, LocalDate to) {
      LocalDate first = to.minusDays(config.baseline().windowDays() - 1L);
      days.removeIf(d -> d.dt().isBefore(first) || d.dt().isAfter(to));
    }

    private static DailyObservation observation(Row r) {
      JsonNode meta = Json.parse(r.getString(7));
      Map<String, Double> inputs = new LinkedHashMap<>();
      meta.path("inputs").fields().forEachRemaining(e -> inputs.put(e.getKey(),
          e.getValue().asDouble()));
      Map<String, Long> counts = new LinkedHashMap<>();
      meta.path("event_counts").fields().forEachRemaining(e -> counts.put(e.getKey(),
          e.getValue().asLong()));
      // Values written before minimum support existed count as supported.
      return new DailyObservation((LocalDate) r.get(5), r.getDouble(6), inputs, counts,
          meta.path("supported").asBoolean(true));
    }
  }
}
