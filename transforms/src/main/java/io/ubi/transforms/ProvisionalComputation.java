package io.ubi.transforms;

import io.ubi.lakehouse.BaselineRows;
import io.ubi.lakehouse.SignalRows;
import io.ubi.lakehouse.Tables;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.KeyValueGroupedDataset;
import org.apache.spark.sql.Row;

/**
 * The speed layer's signals (PRD NFR-2): each actor's features of the day so far ({@code
 * silver.actor_features_intraday}) judged against the latest baselines and the recent assessed days
 * the nightly run wrote ({@code silver.feature_baselines}), through {@link
 * SeriesAnalysis#provisional} and {@link SubjectSignals#provisional}: the same rules as the nightly
 * run, raised as soon as the day's events tip them, marked provisional.
 */
public final class ProvisionalComputation {
  /** Assessed days before today a rule's run can reach back over (weekends included). */
  public static final int HISTORY_DAYS = 21;

  private ProvisionalComputation() {}

  /**
   * Rows of {@link Tables#BEHAVIOURAL_SIGNALS}, provisional.
   *
   * @param intraday actor rows of {@code silver.actor_features_intraday} of each tenant's today
   * @param history actor rows of {@code silver.feature_baselines} of the {@value #HISTORY_DAYS}
   *     days before, of the same actors
   */
  public static Dataset<Row> signals(
      Dataset<Row> intraday, Dataset<Row> history, TenantConfigs configs) {
    return byActor(intraday)
        .cogroup(
            byActor(history),
            (CoGroupFunction<String, Row, Row, Row>)
                (key, today, past) -> signals(today, past, configs).iterator(),
            Encoders.row(SparkSchemas.of(Tables.BEHAVIOURAL_SIGNALS)));
  }

  private static List<Row> signals(Iterator<Row> today, Iterator<Row> past, TenantConfigs configs) {
    Map<String, DailyObservation> observations = new HashMap<>();
    Row first = null;
    while (today.hasNext()) {
      Row r = today.next();
      first = first == null ? r : first;
      observations.put(
          r.getAs("feature_name"),
          BaselineRows.observation(r.getAs("dt"), r.<Double>getAs("value"), r.getAs("metadata")));
    }
    if (first == null) {
      return List.of();
    }
    LocalDate day = first.getAs("dt");
    Map<String, List<DayAssessment>> history = new HashMap<>();
    while (past.hasNext()) {
      Row r = past.next();
      DayAssessment a = BaselineRows.fromRow(r::getAs);
      if (a.observation().dt().isBefore(day)) {
        history.computeIfAbsent(r.getAs("feature_name"), k -> new ArrayList<>()).add(a);
      }
    }
    history.values().forEach(l -> l.sort(Comparator.comparing(a -> a.observation().dt())));
    TenantConfig config = configs.forTenant(first.getAs("tenant_id"));
    Map<String, DayAssessment> judged = new HashMap<>();
    observations.forEach(
        (name, o) -> {
          List<DayAssessment> days = history.get(name);
          FeatureDefinition feature = FeatureCatalog.byName(name).orElse(null);
          if (feature != null && days != null && !days.isEmpty()) {
            judged.put(
                name,
                SeriesAnalysis.provisional(
                    feature, config.workingHours(), days.get(days.size() - 1).after(), o));
          }
        });
    SignalFactory.Subject subject =
        new SignalFactory.Subject(
            first.getAs("tenant_id"),
            ActorScope.ACTOR,
            first.getAs("actor_or_group_id"),
            first.getAs("actor_type"));
    List<Row> out = new ArrayList<>();
    for (BehaviouralSignal s : SubjectSignals.provisional(subject, history, judged, config, day)) {
      out.add(SparkSchemas.row(Tables.BEHAVIOURAL_SIGNALS, SignalRows.toRow(s)));
    }
    return out;
  }

  private static KeyValueGroupedDataset<String, Row> byActor(Dataset<Row> rows) {
    return rows.groupByKey(
        (MapFunction<Row, String>)
            r -> r.getAs("tenant_id") + "\u0000" + r.getAs("actor_or_group_id"),
        Encoders.STRING());
  }
}
