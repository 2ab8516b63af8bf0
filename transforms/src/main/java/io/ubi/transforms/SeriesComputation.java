package io.ubi.transforms;

import io.ubi.lakehouse.BaselineRows;
import io.ubi.lakehouse.SignalRows;
import io.ubi.lakehouse.Tables;
import io.ubi.model.Wire;
import io.ubi.model.config.TenantConfig;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.feature.FeatureDefinition;
import io.ubi.model.signal.ActorScope;
import io.ubi.model.signal.BehaviouralSignal;
import io.ubi.model.signal.DailyObservation;
import io.ubi.model.signal.DayAssessment;
import io.ubi.model.signal.SeriesAnalysis;
import io.ubi.model.signal.SignalFactory;
import io.ubi.model.signal.SubjectSignals;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.KeyValueGroupedDataset;
import org.apache.spark.sql.Row;

/**
 * The baseline and detection steps over each subject's daily feature history (an actor, team,
 * cohort or tenant), grouped per tenant, scope, subject and feature: {@link #baselines} folds the
 * features into the model's baselines ({@link SeriesAnalysis}) once and writes each day's
 * assessment; {@link #signals} reads those assessments back, per subject, and applies the signal
 * rules ({@link SubjectSignals}), so the history is folded once a night. Grouping keys always
 * include the tenant: no computation crosses tenants.
 */
public final class SeriesComputation {
  private SeriesComputation() {}

  /** Baseline rows of {@link Tables#FEATURE_BASELINES} for the days in {@code [from, to]}. */
  public static Dataset<Row> baselines(
      Dataset<Row> dailyFeatures,
      TenantConfigs configs,
      LocalDate from,
      LocalDate to,
      Instant now) {
    return grouped(
            dailyFeatures.select(
                "tenant_id",
                "actor_scope",
                "actor_or_group_id",
                "actor_type",
                "feature_name",
                "dt",
                "value",
                "metadata"))
        .flatMapGroups(
            (FlatMapGroupsFunction<String, Row, Row>)
                (key, rows) -> {
                  Series s = Series.of(rows);
                  TenantConfig config = configs.forTenant(s.tenantId);
                  s.keepWindow(config, to);
                  List<Row> out = new ArrayList<>();
                  for (DayAssessment day :
                      SeriesAnalysis.assess(
                          s.feature, config.baseline(), config.workingHours(), s.days)) {
                    LocalDate dt = day.observation().dt();
                    if (!dt.isBefore(from) && !dt.isAfter(to)) {
                      out.add(
                          SparkSchemas.row(
                              Tables.FEATURE_BASELINES,
                              BaselineRows.toRow(
                                  s.subject(),
                                  s.feature,
                                  config.baseline().windowDays() + "d",
                                  day,
                                  now)));
                    }
                  }
                  return out.iterator();
                },
            Encoders.row(SparkSchemas.of(Tables.FEATURE_BASELINES)));
  }

  /**
   * Signal rows of {@link Tables#BEHAVIOURAL_SIGNALS} for episodes that changed in {@code [from,
   * to]} or are still active, of the signal types the tenant enables.
   *
   * @param baselines rows of {@link Tables#FEATURE_BASELINES} of the history window ending at
   *     {@code to}, as {@link #baselines} wrote them
   */
  public static Dataset<Row> signals(
      Dataset<Row> baselines, TenantConfigs configs, LocalDate from, LocalDate to) {
    return baselines
        .groupByKey(
            (MapFunction<Row, String>)
                r ->
                    r.getAs("tenant_id")
                        + "\u0000"
                        + r.getAs("actor_scope")
                        + '\u0000'
                        + r.getAs("actor_or_group_id"),
            Encoders.STRING())
        .flatMapGroups(
            (FlatMapGroupsFunction<String, Row, Row>)
                (key, rows) -> {
                  Map<String, List<DayAssessment>> history = new HashMap<>();
                  Row first = null;
                  while (rows.hasNext()) {
                    Row r = rows.next();
                    first = first == null ? r : first;
                    history
                        .computeIfAbsent(r.getAs("feature_name"), k -> new ArrayList<>())
                        .add(BaselineRows.fromRow(r::getAs));
                  }
                  TenantConfig config = configs.forTenant(first.getAs("tenant_id"));
                  LocalDate start = to.minusDays(config.baseline().windowDays() - 1L);
                  history
                      .values()
                      .forEach(
                          days ->
                              days.removeIf(
                                  d ->
                                      d.observation().dt().isBefore(start)
                                          || d.observation().dt().isAfter(to)));
                  SignalFactory.Subject subject =
                      new SignalFactory.Subject(
                          first.getAs("tenant_id"),
                          scope(first.getAs("tenant_id"), first.getAs("actor_scope")),
                          first.getAs("actor_or_group_id"),
                          first.getAs("actor_type"));
                  List<Row> out = new ArrayList<>();
                  for (BehaviouralSignal signal :
                      SubjectSignals.detect(subject, history, config, from, to)) {
                    out.add(SparkSchemas.row(Tables.BEHAVIOURAL_SIGNALS, SignalRows.toRow(signal)));
                  }
                  return out.iterator();
                },
            Encoders.row(SparkSchemas.of(Tables.BEHAVIOURAL_SIGNALS)));
  }

  private static KeyValueGroupedDataset<String, Row> grouped(Dataset<Row> rows) {
    return rows.groupByKey(
        (MapFunction<Row, String>)
            r ->
                r.getAs("tenant_id")
                    + "\u0000"
                    + r.getAs("actor_scope")
                    + '\u0000'
                    + r.getAs("actor_or_group_id")
                    + '\u0000'
                    + r.getAs("feature_name"),
        Encoders.STRING());
  }

  private static FeatureDefinition feature(String name) {
    return FeatureCatalog.byName(name)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Feature " + name + " in the lakehouse is not in the feature catalogue"));
  }

  private static ActorScope scope(String tenantId, String scope) {
    return Wire.parse(ActorScope.class, scope)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Rows of " + tenantId + " name an unknown scope '" + scope + "'"));
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
          s.feature = feature(r.getString(4));
        }
        s.days.add(observation(r));
      }
      return s;
    }

    SignalFactory.Subject subject() {
      return new SignalFactory.Subject(tenantId, scope(tenantId, scope), entity, actorType);
    }

    /** Drops days older than the tenant's baseline window ending at {@code to}. */
    void keepWindow(TenantConfig config, LocalDate to) {
      LocalDate first = to.minusDays(config.baseline().windowDays() - 1L);
      days.removeIf(d -> d.dt().isBefore(first) || d.dt().isAfter(to));
    }

    private static DailyObservation observation(Row r) {
      return BaselineRows.observation((LocalDate) r.get(5), r.getDouble(6), r.getString(7));
    }
  }
}
