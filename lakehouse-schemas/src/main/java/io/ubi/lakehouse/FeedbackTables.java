package io.ubi.lakehouse;

import static io.ubi.lakehouse.Column.optional;
import static io.ubi.lakehouse.Column.required;
import static io.ubi.lakehouse.ColumnType.DATE;
import static io.ubi.lakehouse.ColumnType.DOUBLE;
import static io.ubi.lakehouse.ColumnType.LONG;
import static io.ubi.lakehouse.ColumnType.STRING;
import static io.ubi.lakehouse.ColumnType.TIMESTAMP;

import java.util.List;

/**
 * The gold tables of the feedback loop (PRD FR-4): consumers' verdicts on signals, the measured
 * false-positive rates and the threshold proposals the nightly job derives from them. Part of
 * {@link Tables#all()}.
 */
public final class FeedbackTables {
  private static final List<String> PARTITIONING = List.of("tenant_id", "dt");

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
                  "within_target | proposed | unreachable | insufficient_feedback"),
              required("rated", LONG, "signals of the dimension with a verdict"),
              required("measured_rate", DOUBLE, "their false-positive share"),
              optional("expected_rate", DOUBLE, "the share at the proposed levels"),
              required("current_warn", DOUBLE, "the tenant's WARN level"),
              required("current_critical", DOUBLE, "the tenant's CRITICAL level"),
              optional("proposed_warn", DOUBLE, "the proposed WARN level"),
              optional("proposed_critical", DOUBLE, "the proposed CRITICAL level"),
              required("computed_at", TIMESTAMP, "when it was computed"),
              required("dt", DATE, "the night it was computed for")),
          PARTITIONING,
          List.of("tenant_id", "dt", "dimension"));

  private FeedbackTables() {}

  static List<TableDef> all() {
    return List.of(SIGNAL_FEEDBACK, SIGNAL_QUALITY, THRESHOLD_PROPOSALS);
  }
}
