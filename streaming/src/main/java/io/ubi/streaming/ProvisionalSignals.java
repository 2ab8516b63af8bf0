package io.ubi.streaming;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.ubi.lakehouse.SignalRows;
import io.ubi.lakehouse.Tables;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.signal.BehaviouralSignal;
import io.ubi.transforms.Lake;
import io.ubi.transforms.ProvisionalComputation;
import io.ubi.transforms.SignalPublisher;
import io.ubi.transforms.SparkColumns;
import io.ubi.transforms.SparkSchemas;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speed layer's near-real-time signals (PRD NFR-2), after each refresh of intraday features:
 * for the tenants that deliver a signal class near real time, the actors whose features the batch
 * changed are judged on their day so far ({@link ProvisionalComputation}); a signal not raised
 * before is published to the signal topic, then stored in {@code gold.behavioural_signals} marked
 * provisional. The nightly run confirms, updates or withdraws it.
 *
 * <p>Published before it is stored: a failure in between publishes it again on the actor's next
 * change (at least once), never not at all.
 */
final class ProvisionalSignals {
  private static final Logger LOG = LoggerFactory.getLogger(ProvisionalSignals.class);

  private final Lake lake;
  private final StreamSettings settings;

  ProvisionalSignals(Lake lake, StreamSettings settings) {
    this.lake = lake;
    this.settings = settings;
  }

  /**
   * @param touchedTenants the tenants of the batch
   * @param touched the batch's actor states (tenant_id, actor_pseudonym, dt local day)
   * @return the signals newly raised
   */
  List<BehaviouralSignal> raise(
      Set<String> touchedTenants, Dataset<Row> touched, Instant now, TenantConfigs configs) {
    List<Column> today = new ArrayList<>();
    Set<String> tenants = new TreeSet<>();
    LocalDate earliest = null;
    LocalDate latest = null;
    for (String tenant : touchedTenants) {
      if (configs.forTenant(tenant).signalSwitches().nearRealTime().isEmpty()) {
        continue;
      }
      LocalDate local = configs.forTenant(tenant).workingHours().localDay(now);
      today.add(col("tenant_id").equalTo(tenant).and(col("dt").equalTo(lit(local))));
      tenants.add(tenant);
      earliest = earliest == null || local.isBefore(earliest) ? local : earliest;
      latest = latest == null || local.isAfter(latest) ? local : latest;
    }
    if (tenants.isEmpty()) {
      return List.of();
    }
    Column isToday = today.stream().reduce(Column::or).orElseThrow();
    Dataset<Row> actors =
        touched
            .where(isToday)
            .select(col("tenant_id"), col("actor_pseudonym").as("actor_or_group_id"))
            .distinct();
    Dataset<Row> intraday =
        lake.read(Tables.ACTOR_FEATURES_INTRADAY)
            .where(isToday.and(col("actor_scope").equalTo("actor")))
            .join(actors, SparkColumns.seq("tenant_id", "actor_or_group_id"), "left_semi");
    Dataset<Row> history =
        lake.read(Tables.FEATURE_BASELINES)
            .where(
                col("tenant_id")
                    .isin(tenants.toArray())
                    .and(
                        col("dt")
                            .between(
                                lit(earliest.minusDays(ProvisionalComputation.HISTORY_DAYS)),
                                lit(latest.minusDays(1))))
                    .and(col("actor_scope").equalTo("actor")))
            .join(actors, SparkColumns.seq("tenant_id", "actor_or_group_id"), "left_semi");
    List<Row> rows = ProvisionalComputation.signals(intraday, history, configs).collectAsList();
    if (rows.isEmpty()) {
      return List.of();
    }
    List<BehaviouralSignal> candidates = new ArrayList<>();
    rows.forEach(r -> candidates.add(SignalRows.fromRow(r::getAs)));
    Set<String> known = known(candidates);
    List<BehaviouralSignal> fresh =
        candidates.stream().filter(s -> !known.contains(s.signalId())).toList();
    if (fresh.isEmpty()) {
      return fresh;
    }
    try (SignalPublisher publisher =
        new SignalPublisher(settings.bootstrapServers(), settings.signalsTopic())) {
      publisher.publish(fresh);
    }
    List<Row> out = new ArrayList<>();
    Set<LocalDate> days = new TreeSet<>();
    for (BehaviouralSignal s : fresh) {
      out.add(SparkSchemas.row(Tables.BEHAVIOURAL_SIGNALS, SignalRows.toRow(s)));
      days.add(LocalDate.parse(s.detectedFor()));
    }
    lake.insertNew(
        Tables.BEHAVIOURAL_SIGNALS,
        lake.spark().createDataFrame(out, SparkSchemas.of(Tables.BEHAVIOURAL_SIGNALS)),
        tenants,
        days);
    LOG.info("Raised {} provisional signals near real time", fresh.size());
    return fresh;
  }

  /** The candidates' ids gold already holds: raised by an earlier batch or the nightly run. */
  private Set<String> known(List<BehaviouralSignal> candidates) {
    Set<String> ids = new HashSet<>();
    Set<LocalDate> days = new TreeSet<>();
    Set<String> tenants = new TreeSet<>();
    candidates.forEach(
        s -> {
          ids.add(s.signalId());
          days.add(LocalDate.parse(s.detectedFor()));
          tenants.add(s.tenantId());
        });
    Set<String> known = new HashSet<>();
    lake.read(Tables.BEHAVIOURAL_SIGNALS)
        .where(
            col("tenant_id")
                .isin(tenants.toArray())
                .and(col("dt").isin(days.toArray()))
                .and(col("signal_id").isin(ids.toArray())))
        .select("signal_id")
        .as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList()
        .forEach(known::add);
    return known;
  }
}
