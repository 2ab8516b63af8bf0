package io.ubi.model.signal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Ids;
import io.ubi.model.Json;
import io.ubi.model.Wire;
import io.ubi.model.baseline.Baseline;
import io.ubi.model.feature.FeatureDefinition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the informational {@link BehaviouralSignal} of a single-feature anomaly (severity INFO,
 * the deviation's level named in the reason), with its reason string and embedded evidence (PRD
 * FR-10): the feature snapshot, the baseline it was compared with, and the day's event counts by
 * type. Evidence is a summary, well under 1 KB, and never carries event content.
 *
 * <p>Timestamps are logical: {@code created_at} is the end of the day the deviation was first seen,
 * {@code updated_at} the end of the day of the last change, so recomputing history yields the same
 * signal rows and the same ids.
 */
public final class SignalFactory {
  /** The subject of a series: who the feature describes. */
  public record Subject(String tenantId, ActorScope scope, String id, String actorType) {}

  /** What an informational signal leads to on its own: nothing, it is context. */
  public static final String INFORMATIONAL_OUTCOME = "none on its own: context for other signals";

  private SignalFactory() {}

  public static BehaviouralSignal build(
      Subject subject, FeatureDefinition feature, SignalEpisode episode) {
    DayAssessment day = episode.latest();
    DailyObservation o = day.observation();
    double z = day.zScore();
    String scope = Wire.lower(subject.scope());
    String featureId =
        Ids.feature(subject.tenantId(), scope, subject.id(), feature.name(), o.dt(), "daily");
    String baselineId =
        Ids.baseline(subject.tenantId(), scope, subject.id(), feature.name(), o.dt().minusDays(1));

    ArrayNode evidence = Json.MAPPER.createArrayNode();
    ObjectNode snapshot =
        evidence
            .addObject()
            .put("type", "feature_snapshot")
            .put("feature_id", featureId)
            .put("feature_name", feature.name())
            .put("dt", o.dt().toString())
            .put("value", round(o.value()));
    ObjectNode inputs = snapshot.putObject("inputs");
    o.inputs().forEach((k, v) -> inputs.put(k, round(v)));
    Baseline ref = day.reference();
    evidence
        .addObject()
        .put("type", "baseline_reference")
        .put("baseline_id", baselineId)
        .put("mean", round(ref.mean()))
        .put("std_dev", round(ref.stdDev()))
        .put("data_points", ref.dataPoints())
        .put("confidence", round(ref.confidence()));
    ObjectNode summary =
        evidence.addObject().put("type", "event_summary").put("dt", o.dt().toString());
    ObjectNode counts = summary.putObject("event_counts");
    o.eventCounts().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> counts.put(e.getKey(), e.getValue()));

    ObjectNode featureSnapshot =
        Json.MAPPER
            .createObjectNode()
            .put(feature.name(), round(o.value()))
            .put("z_score", round(z))
            .put("baseline_mean", round(ref.mean()))
            .put("baseline_std_dev", round(ref.stdDev()));

    LocalDate changed = episode.resolvedOn() != null ? episode.resolvedOn() : o.dt();
    return new BehaviouralSignal(
        Ids.signal(
            subject.tenantId(),
            scope,
            subject.id(),
            feature.name(),
            episode.higher(),
            episode.startedOn()),
        subject.tenantId(),
        scope,
        subject.id(),
        subject.actorType(),
        Wire.lower(feature.dimension()),
        Wire.lower(episode.rule().signalType()),
        feature.name(),
        feature.name(),
        score(z),
        Severity.INFO.name(),
        Wire.lower(episode.status()),
        round(ref.confidence()),
        reason(feature, episode, z),
        episode.rule().intent(),
        INFORMATIONAL_OUTCOME,
        evidence,
        featureSnapshot,
        Json.MAPPER.createArrayNode().add(feature.name()),
        Json.MAPPER.createArrayNode().add(featureId),
        Json.MAPPER.createArrayNode().add(baselineId),
        episode.startedOn().toString(),
        endOf(episode.startedOn()),
        endOf(changed),
        episode.resolvedOn() == null ? null : endOf(episode.resolvedOn()),
        false);
  }

  /** 0-100: how far outside its norm the feature is; {@code |z| = 5} or more scores 100. */
  public static int score(double z) {
    return (int) Math.min(100, Math.round(Math.abs(z) * 20));
  }

  static String reason(FeatureDefinition feature, SignalEpisode episode, double z) {
    DayAssessment day = episode.latest();
    Baseline ref = day.reference();
    String inputs =
        day.observation().inputs().entrySet().stream()
            .map(e -> e.getKey() + "=" + fmt(e.getValue()))
            .collect(Collectors.joining(", "));
    String text =
        String.format(
            Locale.ROOT,
            "%s %s to %s on %s against a baseline of %s ± %s (z = %.1f, %s level): %s; inputs: %s",
            feature.name(),
            episode.higher() ? "rose" : "fell",
            fmt(day.observation().value()),
            day.observation().dt(),
            fmt(ref.mean()),
            fmt(ref.stdDev()),
            z,
            episode.severity(),
            episode.rule().meaning(),
            inputs);
    if (episode.resolvedOn() != null) {
      text += "; back within baseline on " + episode.resolvedOn();
    }
    return text;
  }

  static Instant endOf(LocalDate day) {
    return day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
