package io.ubi.lakehouse;

import static io.ubi.lakehouse.Column.optional;
import static io.ubi.lakehouse.Column.required;
import static io.ubi.lakehouse.ColumnType.BOOLEAN;
import static io.ubi.lakehouse.ColumnType.DATE;
import static io.ubi.lakehouse.ColumnType.DOUBLE;
import static io.ubi.lakehouse.ColumnType.INT;
import static io.ubi.lakehouse.ColumnType.LONG;
import static io.ubi.lakehouse.ColumnType.LONG_MAP;
import static io.ubi.lakehouse.ColumnType.STATE_MAP;
import static io.ubi.lakehouse.ColumnType.STRING;
import static io.ubi.lakehouse.ColumnType.TIMESTAMP;

import java.util.ArrayList;
import java.util.List;

/**
 * The table catalogue (PRD section 10): the silver tables here, the bronze ones in {@link
 * BronzeTables} and the gold ones in {@link GoldTables}. Every table is partitioned by {@code
 * tenant_id}, {@code dt}.
 */
public final class Tables {
  private static final List<String> PARTITIONING = List.of("tenant_id", "dt");

  /** See {@link BronzeTables#BEHAVIOURAL_EVENTS}. */
  public static final TableDef BEHAVIOURAL_EVENTS = BronzeTables.BEHAVIOURAL_EVENTS;

  /** See {@link BronzeTables#REJECTED_EVENTS}. */
  public static final TableDef REJECTED_EVENTS = BronzeTables.REJECTED_EVENTS;

  /** See {@link BronzeTables#DROPPED_EVENTS_AUDIT}. */
  public static final TableDef DROPPED_EVENTS_AUDIT = BronzeTables.DROPPED_EVENTS_AUDIT;

  public static final TableDef ACTOR_FEATURES_DAILY =
      features(
          "silver.actor_features_daily",
          "Authoritative daily feature values per actor, recomputed from bronze by the nightly job"
              + " (includes late events).");

  public static final TableDef ACTOR_FEATURES_INTRADAY =
      features(
          "silver.actor_features_intraday",
          "Feature values per actor for the last `stream.intraday.days` days, updated by the speed"
              + " layer's intraday query from the same definitions; older days are deleted (the"
              + " nightly `silver.actor_features_daily` holds them).");

  public static final TableDef LAYER_PARITY_DAILY =
      new TableDef(
          "silver.layer_parity_daily",
          "Per tenant and day, how far the speed layer's intraday actor features are from the nightly"
              + " job's for the same day: both compile the same catalogue, so on a closed day whose"
              + " events the stream has all seen every value should agree. Written by each nightly run"
              + " for the days the intraday table still holds; a figure an operator can watch.",
          List.of(
              required("tenant_id", STRING, "tenant"),
              required("compared", LONG, "actor feature values present in both layers"),
              required("mismatched", LONG, "of which differing by more than 1e-9"),
              required(
                  "only_in_stream", LONG, "values the speed layer has and the nightly job not"),
              required("only_in_batch", LONG, "values the nightly job has and the speed layer not"),
              optional(
                  "max_abs_difference", DOUBLE, "largest difference among the compared values"),
              required("computed_at", TIMESTAMP, "when the nightly run compared them"),
              required("dt", DATE, "the day compared")),
          PARTITIONING,
          List.of("tenant_id", "dt"));

  public static final TableDef ACTOR_FEATURE_STATES_INTRADAY =
      states(
          "silver.actor_feature_states_intraday",
          "Per actor and day, for days still receiving events: the mergeable state of every input of"
              + " every catalogue feature (see docs/features.md), so the speed layer adds each"
              + " micro-batch of bronze to the day so far and intraday features never rescan the"
              + " day's events. Kept for the last `stream.intraday.days` days only.");

  public static final TableDef ACTOR_FEATURE_STATES_DAILY =
      states(
          "silver.actor_feature_states_daily",
          "Per actor and day, written by the nightly job from bronze: the mergeable state of every"
              + " input of every catalogue feature. A multi-day window's value is the merge of its days'"
              + " states, never a rescan of their events.");

  public static final TableDef ACTOR_FEATURES_WINDOWED =
      new TableDef(
          "silver.actor_features_windowed",
          "Feature values over the catalogue's multi-day windows (7 and 28 days) ending on each day:"
              + " per actor, merged from silver.actor_feature_states_daily; per team, cohort and"
              + " tenant, over the members' windowed values, published under the same k-anonymity"
              + " rule as the daily group rows. Written by the nightly job.",
          featureColumns(true),
          PARTITIONING,
          List.of(
              "tenant_id",
              "dt",
              "actor_scope",
              "actor_or_group_id",
              "feature_name",
              "window_days"));

  public static final TableDef GROUP_MEMBERSHIPS_DAILY =
      new TableDef(
          "silver.group_memberships_daily",
          "Who counted in which team, cohort and tenant on each day, written by the nightly job with"
              + " that day's group features: a multi-day window's group values are over the members"
              + " of any of its days. Pseudonyms only; the directory lookup that placed them stays in"
              + " the job.",
          List.of(
              required("tenant_id", STRING, "tenant"),
              required("actor_pseudonym", STRING, "keyed pseudonym of the member"),
              required("actor_scope", STRING, "team | cohort | tenant"),
              required("group_id", STRING, "the group"),
              required("dt", DATE, "the tenant's local day")),
          PARTITIONING,
          List.of("tenant_id", "dt", "actor_pseudonym", "actor_scope", "group_id"));

  public static final TableDef FEATURE_BASELINES =
      new TableDef(
          "silver.feature_baselines",
          "Per subject (actor, team, cohort or tenant) and feature, the EMA baseline as of the end of"
              + " each day, and that day's deviation from the baseline before it: what the detection"
              + " step reads to raise and resolve signals.",
          List.of(
              required("baseline_id", STRING, "deterministic id"),
              required("tenant_id", STRING, "tenant"),
              required("actor_scope", STRING, "actor | team | cohort | tenant"),
              required("actor_or_group_id", STRING, "actor pseudonym or group id"),
              required("actor_type", STRING, "human | ai_agent | service | group"),
              required("feature_name", STRING, "feature"),
              required("dimension", STRING, "dimension"),
              required("window", STRING, "history window, e.g. 90d"),
              required("mean", DOUBLE, "baseline mean including this day"),
              required("std_dev", DOUBLE, "baseline standard deviation including this day"),
              required("p50", DOUBLE, "median of the included values"),
              required("p90", DOUBLE, "90th percentile of the included values"),
              required("data_points", INT, "values included"),
              required("outliers_excluded", INT, "values excluded beyond the outlier cut-off"),
              required("confidence", DOUBLE, "< 0.5 during warm-up"),
              required("low_confidence", BOOLEAN, "true during warm-up"),
              required("observed_value", DOUBLE, "the day's value"),
              optional("z_score", DOUBLE, "the day's deviation; null during warm-up"),
              required("reference_mean", DOUBLE, "mean of the baseline the day was compared with"),
              required("reference_std_dev", DOUBLE, "its standard deviation"),
              optional("reference_data_points", INT, "the values it rested on"),
              optional("reference_confidence", DOUBLE, "its confidence"),
              optional(
                  "outlier",
                  BOOLEAN,
                  "the day was left out of the baseline: an outlier, a"
                      + " non-working day or a value below the feature's minimum support"),
              optional(
                  "observation",
                  STRING,
                  "JSON: the day's named inputs, event counts by type"
                      + " and support, which a signal on this day explains itself with"),
              required("last_recomputed_at", TIMESTAMP, "when the nightly job wrote it"),
              required("dt", DATE, "the day the baseline is as of")),
          PARTITIONING,
          List.of("tenant_id", "dt", "actor_scope", "actor_or_group_id", "feature_name"));

  /** See {@link GoldTables#BEHAVIOURAL_SCORES}. */
  public static final TableDef BEHAVIOURAL_SCORES = GoldTables.BEHAVIOURAL_SCORES;

  /** See {@link GoldTables#BEHAVIOURAL_SIGNALS}. */
  public static final TableDef BEHAVIOURAL_SIGNALS = GoldTables.BEHAVIOURAL_SIGNALS;

  private Tables() {}

  public static List<TableDef> all() {
    List<TableDef> all =
        new ArrayList<>(
            List.of(
                BEHAVIOURAL_EVENTS,
                REJECTED_EVENTS,
                DROPPED_EVENTS_AUDIT,
                ACTOR_FEATURES_DAILY,
                ACTOR_FEATURE_STATES_INTRADAY,
                ACTOR_FEATURES_INTRADAY,
                ACTOR_FEATURE_STATES_DAILY,
                ACTOR_FEATURES_WINDOWED,
                GROUP_MEMBERSHIPS_DAILY,
                LAYER_PARITY_DAILY,
                FEATURE_BASELINES,
                BEHAVIOURAL_SCORES,
                BEHAVIOURAL_SIGNALS));
    all.addAll(GoldTables.feedback());
    return List.copyOf(all);
  }

  private static TableDef states(String name, String description) {
    return new TableDef(
        name,
        description,
        List.of(
            required("tenant_id", STRING, "tenant"),
            required("actor_pseudonym", STRING, "keyed pseudonym of the actor"),
            required(
                "actor_type",
                STRING,
                "human | ai_agent | service; empty while the actor is"
                    + " known that day only through others' events (a review of their pull request)"),
            required(
                "states",
                STATE_MAP,
                "state per distinct feature input, keyed"
                    + " feature.input of the first feature declaring it"),
            required("event_counts", LONG_MAP, "events per canonical event type"),
            required(
                "catalogue_version", INT, "version of the feature catalogue the states follow"),
            required("updated_at", TIMESTAMP, "when they were last added to"),
            required("dt", DATE, "the tenant's local day")),
        PARTITIONING,
        List.of("tenant_id", "dt", "actor_pseudonym"));
  }

  private static TableDef features(String name, String description) {
    return new TableDef(
        name,
        description,
        featureColumns(false),
        PARTITIONING,
        List.of("tenant_id", "dt", "actor_scope", "actor_or_group_id", "feature_name"));
  }

  private static List<Column> featureColumns(boolean windowed) {
    List<Column> columns =
        new ArrayList<>(
            List.of(
                required("feature_id", STRING, "deterministic id"),
                required("tenant_id", STRING, "tenant"),
                required("actor_scope", STRING, "actor | team | cohort | tenant"),
                required("actor_or_group_id", STRING, "actor pseudonym or group id"),
                required("actor_type", STRING, "human | ai_agent | service | group"),
                required("feature_name", STRING, "feature, see docs/features.md"),
                required("dimension", STRING, "activity | flow | collaboration | agent_usage"),
                required(
                    "window_start",
                    TIMESTAMP,
                    "start of the window's first day, midnight in the" + " tenant's time zone"),
                required(
                    "window_end",
                    TIMESTAMP,
                    "end of its last day, midnight in the tenant's time" + " zone"),
                required("value", DOUBLE, "the feature value"),
                required(
                    "confidence",
                    DOUBLE,
                    "1 for complete windows, else the share elapsed; at most"
                        + " 0.2 below minimum support"),
                required("metadata", STRING, "JSON: named inputs, event counts by type, support"),
                required("computed_at", TIMESTAMP, "when it was computed"),
                required(
                    "dt",
                    DATE,
                    windowed ? "the window's last day (tenant-local)" : "the tenant's local day")));
    if (windowed) {
      columns.add(
          columns.size() - 1,
          required("window_days", INT, "the window's length in days, ending on dt"));
    }
    return List.copyOf(columns);
  }
}
