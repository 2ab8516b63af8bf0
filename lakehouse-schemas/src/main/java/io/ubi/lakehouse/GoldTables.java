package io.ubi.lakehouse;

import static io.ubi.lakehouse.Column.optional;
import static io.ubi.lakehouse.Column.required;
import static io.ubi.lakehouse.ColumnType.BOOLEAN;
import static io.ubi.lakehouse.ColumnType.DATE;
import static io.ubi.lakehouse.ColumnType.DOUBLE;
import static io.ubi.lakehouse.ColumnType.INT;
import static io.ubi.lakehouse.ColumnType.LONG;
import static io.ubi.lakehouse.ColumnType.STRING;
import static io.ubi.lakehouse.ColumnType.TIMESTAMP;

import java.util.List;

/**
 * The gold tables: dimension scores and signals, and the feedback loop (PRD FR-4): consumers'
 * verdicts on signals, the measured false-positive rates and the threshold proposals the nightly
 * job derives from them. Part of {@link Tables#all()}.
 */
public final class GoldTables {
  private static final List<String> PARTITIONING = List.of("tenant_id", "dt");

  public static final TableDef BEHAVIOURAL_SCORES =
      new TableDef(
          "gold.behavioural_scores",
          "Per subject (actor, team, cohort or tenant) and day, each dimension's 0-100 score from"
              + " its input features' deviations from their baselines (the formula is in"
              + " docs/features.md). Written by the nightly job from silver.feature_baselines;"
              + " a group has scores only where its features are published.",
          List.of(
              required("score_id", STRING, "deterministic id"),
              required("tenant_id", STRING, "tenant"),
              required("actor_scope", STRING, "actor | team | cohort | tenant"),
              required("actor_or_group_id", STRING, "actor pseudonym or group id"),
              required("actor_type", STRING, "human | ai_agent | service | group"),
              required("score_name", STRING, "e.g. focus_flow_score"),
              required("dimension", STRING, "activity | flow | collaboration | agent_usage"),
              required("score", DOUBLE, "0-100; 50 is the subject's normal"),
              required(
                  "confidence",
                  DOUBLE,
                  "share of the inputs' weight present times their baselines' confidence"),
              required("inputs", STRING, "JSON: each input's 0-100 part, by feature"),
              required("reason", STRING, "the score and the inputs that moved it most"),
              required("computed_at", TIMESTAMP, "when the nightly job wrote it"),
              required("dt", DATE, "the tenant's local day")),
          PARTITIONING,
          List.of("tenant_id", "dt", "actor_scope", "actor_or_group_id", "score_name"));

  public static final TableDef BEHAVIOURAL_SIGNALS =
      new TableDef(
          "gold.behavioural_signals",
          "Risk, opportunity and informational signals with reason and embedded evidence (PRD 10.4);"
              + " new and changed rows are published to ubi.behavioural_signals.",
          List.of(
              required("signal_id", STRING, "deterministic id of the episode"),
              required("tenant_id", STRING, "tenant"),
              required("actor_scope", STRING, "actor | team | cohort | tenant"),
              required("actor_or_group_id", STRING, "actor pseudonym or group id"),
              required("actor_type", STRING, "human | ai_agent | service | group"),
              required("dimension", STRING, "activity | flow | collaboration | agent_usage"),
              required("signal_type", STRING, "risk | opportunity | informational"),
              required("feature_name", STRING, "the feature the signal is about first"),
              optional(
                  "rule",
                  STRING,
                  "the rule that raised it: a composite rule, or the feature of an anomaly"),
              required("score", INT, "0-100"),
              required("severity", STRING, "INFO | WARN | CRITICAL"),
              required("status", STRING, "active | resolved | withdrawn"),
              required("confidence", DOUBLE, "confidence of the baseline compared with"),
              required("reason", STRING, "human-readable explanation"),
              required("intent", STRING, "what a consumer could do"),
              optional("expected_outcome", STRING, "the positive outcome the intent aims for"),
              required("evidence_refs", STRING, "JSON array of evidence summaries"),
              required("feature_snapshot", STRING, "JSON object of the values the rule read"),
              optional("inputs", STRING, "JSON array of the features and scores the rule read"),
              optional(
                  "feature_ids", STRING, "JSON array of the ids of the feature rows behind it"),
              optional(
                  "baseline_reference", STRING, "JSON array of the baseline ids compared with"),
              required("detected_for", DATE, "day the deviation was first seen"),
              required("created_at", TIMESTAMP, "end of detected_for"),
              required("updated_at", TIMESTAMP, "end of the day of the last change"),
              optional("resolved_at", TIMESTAMP, "end of the day it was back within baseline"),
              optional(
                  "provisional",
                  BOOLEAN,
                  "raised by the speed layer from the day so far, until the nightly run confirms"
                      + " or withdraws it"),
              required("dt", DATE, "= detected_for")),
          PARTITIONING,
          List.of("tenant_id", "dt", "signal_id"));

  public static final TableDef SIGNAL_FEEDBACK =
      new TableDef(
          "gold.signal_feedback",
          "One verdict per caller and signal (false_positive, useful, not_useful), as posted to"
              + " the API; a later verdict of the same caller replaces the earlier one.",
          List.of(
              required("feedback_id", STRING, "deterministic id of tenant, signal and caller"),
              required("tenant_id", STRING, "tenant"),
              required("signal_id", STRING, "the signal judged"),
              required("rule", STRING, "the rule that raised it"),
              required("dimension", STRING, "activity | flow | collaboration | agent_usage"),
              required("actor_scope", STRING, "actor | team | cohort | tenant"),
              required("signal_type", STRING, "risk | opportunity | informational"),
              required("severity", STRING, "INFO | WARN | CRITICAL"),
              required("verdict", STRING, "false_positive | useful | not_useful"),
              optional("note", STRING, "the caller's free text, at most 1000 characters"),
              required("caller", STRING, "keyed pseudonym of the token's subject"),
              optional("trigger_sigma", DOUBLE, "largest |z| among the signal's inputs"),
              required("received_at", TIMESTAMP, "when the API accepted the verdict"),
              required("dt", DATE, "the signal's detected_for day")),
          PARTITIONING,
          List.of("tenant_id", "dt", "feedback_id"));

  public static final TableDef SIGNAL_QUALITY =
      new TableDef(
          "gold.signal_quality",
          "False-positive rate of each tenant's signals by rule, by dimension and overall, from"
              + " every verdict received by the night of dt.",
          List.of(
              required("tenant_id", STRING, "tenant"),
              required("kind", STRING, "rule | dimension | tenant"),
              required("name", STRING, "the rule or dimension; * for the tenant"),
              required("dimension", STRING, "the rule's dimension; * for the tenant"),
              required("rated", LONG, "signals with a verdict"),
              required("false_positives", LONG, "verdicts false_positive"),
              required("useful", LONG, "verdicts useful"),
              required("not_useful", LONG, "verdicts not_useful"),
              required("false_positive_rate", DOUBLE, "false_positives / rated"),
              required("computed_at", TIMESTAMP, "when it was computed"),
              required("dt", DATE, "the night it was computed for")),
          PARTITIONING,
          List.of("tenant_id", "dt", "kind", "name"));

  public static final TableDef THRESHOLD_PROPOSALS =
      new TableDef(
          "gold.threshold_proposals",
          "Per tenant and dimension, the WARN and CRITICAL levels that would keep the measured"
              + " false-positive rate under 5 %, from the verdicts received by the night of dt.",
          List.of(
              required("tenant_id", STRING, "tenant"),
              required("dimension", STRING, "activity | flow | collaboration | agent_usage"),
              required(
                  "status",
                  STRING,
                  "within_target | proposed | applied | unreachable | insufficient_feedback"),
              required("rated", LONG, "signals of the dimension with a verdict"),
              required("measured_rate", DOUBLE, "their false-positive share"),
              optional("expected_rate", DOUBLE, "the share at the proposed levels"),
              required("current_warn", DOUBLE, "the tenant's WARN level"),
              required("current_critical", DOUBLE, "the tenant's CRITICAL level"),
              optional("proposed_warn", DOUBLE, "the proposed WARN level"),
              optional("proposed_critical", DOUBLE, "the proposed CRITICAL level"),
              optional(
                  "applied_version",
                  INT,
                  "the tenant config version that applied it (status applied: the tenant lets the"
                      + " nightly job tune its thresholds)"),
              required("computed_at", TIMESTAMP, "when it was computed"),
              required("dt", DATE, "the night it was computed for")),
          PARTITIONING,
          List.of("tenant_id", "dt", "dimension"));

  public static final TableDef TENANT_CONFIG_VERSIONS =
      new TableDef(
          "gold.tenant_config_versions",
          "Every stored version of every tenant's settings, never deleted: who changed them, when"
              + " and why. The latest wins over the tenant's file (which seeds it and keeps the"
              + " directory); the nightly job reads them at the start of each run.",
          List.of(
              required("tenant_id", STRING, "tenant"),
              required("version", INT, "one above the version it replaced"),
              required(
                  "settings",
                  STRING,
                  "JSON: the tenant's whole overlay on the defaults, as a tenant file without its"
                      + " directory"),
              required("changed_by", STRING, "a caller's subject, or ubi:auto-tune"),
              required("changed_at", TIMESTAMP, "when"),
              required("reason", STRING, "why, in words")),
          List.of("tenant_id"),
          List.of("tenant_id", "version"));

  private GoldTables() {}

  /** The feedback loop's tables, and the config versions its tuning writes. */
  static List<TableDef> feedback() {
    return List.of(SIGNAL_FEEDBACK, SIGNAL_QUALITY, THRESHOLD_PROPOSALS, TENANT_CONFIG_VERSIONS);
  }
}
