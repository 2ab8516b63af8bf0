package io.ubi.lakehouse;

import io.ubi.model.Wire;
import io.ubi.model.feedback.FeedbackQuality;
import io.ubi.model.feedback.SignalFeedback;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The one mapping between the feedback loop's model records and rows of {@link GoldTables},
 * engine-free: the nightly job writes through it, the API reads through it.
 */
public final class FeedbackRows {
  private FeedbackRows() {}

  public static Map<String, Object> toRow(SignalFeedback f) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("feedback_id", f.feedbackId());
    row.put("tenant_id", f.tenantId());
    row.put("signal_id", f.signalId());
    row.put("rule", f.rule());
    row.put("dimension", f.dimension());
    row.put("actor_scope", f.actorScope());
    row.put("signal_type", f.signalType());
    row.put("severity", f.severity());
    row.put("verdict", f.verdict());
    row.put("note", f.note());
    row.put("caller", f.caller());
    row.put("trigger_sigma", f.triggerSigma());
    row.put("received_at", f.receivedAt());
    row.put("dt", LocalDate.parse(f.detectedFor()));
    return row;
  }

  public static SignalFeedback fromRow(Function<String, Object> get) {
    return new SignalFeedback(
        (String) get.apply("feedback_id"),
        (String) get.apply("tenant_id"),
        (String) get.apply("signal_id"),
        (String) get.apply("rule"),
        (String) get.apply("dimension"),
        (String) get.apply("actor_scope"),
        (String) get.apply("signal_type"),
        (String) get.apply("severity"),
        get.apply("dt").toString(),
        (String) get.apply("verdict"),
        (String) get.apply("note"),
        (String) get.apply("caller"),
        (Double) get.apply("trigger_sigma"),
        (Instant) get.apply("received_at"));
  }

  /** A row of {@link GoldTables#SIGNAL_QUALITY}. */
  public static Map<String, Object> toRow(
      String tenantId, FeedbackQuality.Rate r, LocalDate dt, Instant computedAt) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("tenant_id", tenantId);
    row.put("kind", r.kind());
    row.put("name", r.name());
    row.put("dimension", r.dimension());
    row.put("rated", r.rated());
    row.put("false_positives", r.falsePositives());
    row.put("useful", r.useful());
    row.put("not_useful", r.notUseful());
    row.put("false_positive_rate", r.falsePositiveRate());
    row.put("computed_at", computedAt);
    row.put("dt", dt);
    return row;
  }

  /** A row of {@link GoldTables#THRESHOLD_PROPOSALS}. */
  public static Map<String, Object> toRow(
      String tenantId,
      FeedbackQuality.Proposal p,
      Integer appliedVersion,
      LocalDate dt,
      Instant computedAt) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("tenant_id", tenantId);
    row.put("dimension", p.dimension());
    row.put("status", appliedVersion != null ? "applied" : Wire.lower(p.status()));
    row.put("rated", p.rated());
    row.put("measured_rate", p.measuredRate());
    row.put("expected_rate", p.expectedRate());
    row.put("current_warn", p.current().warn());
    row.put("current_critical", p.current().critical());
    row.put("proposed_warn", p.proposed() == null ? null : p.proposed().warn());
    row.put("proposed_critical", p.proposed() == null ? null : p.proposed().critical());
    row.put("applied_version", appliedVersion);
    row.put("computed_at", computedAt);
    row.put("dt", dt);
    return row;
  }
}
