package io.ubi.model.signal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Ids;
import io.ubi.model.Json;
import io.ubi.model.Wire;
import io.ubi.model.feature.CompositeRule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the {@link BehaviouralSignal} of a composite rule's episode (PRD FR-6, FR-7, FR-10): a
 * reason naming each input the rule read with its value and baseline, the ids of the feature rows
 * and baselines behind it, and evidence summaries (values, baselines, the day's event counts by
 * type; never event content) well under 1 KB.
 *
 * <p>The score is the largest deviation among the inputs ({@link SignalFactory#score}); the
 * confidence the mean confidence of their baselines.
 */
public final class RuleSignals {
  private RuleSignals() {}

  public static BehaviouralSignal build(SignalFactory.Subject subject, RuleEpisode episode) {
    CompositeRule rule = episode.rule();
    SubjectDay day = episode.latest();
    LocalDate dt = day.dt();
    String scope = Wire.lower(subject.scope());
    ArrayNode inputs = Json.MAPPER.createArrayNode();
    ArrayNode featureIds = Json.MAPPER.createArrayNode();
    ArrayNode baselineIds = Json.MAPPER.createArrayNode();
    ObjectNode snapshot = Json.MAPPER.createObjectNode();
    ObjectNode values = Json.MAPPER.createObjectNode();
    ObjectNode means = Json.MAPPER.createObjectNode();
    Map<String, Long> counts = new TreeMap<>();
    List<String> parts = new ArrayList<>();
    double maxZ = 0;
    double confidence = 0;
    int read = 0;
    for (String f : rule.features()) {
      DayAssessment a = day.features().get(f);
      if (a == null) {
        continue;
      }
      inputs.add(f);
      featureIds.add(Ids.feature(subject.tenantId(), scope, subject.id(), f, dt, "daily"));
      baselineIds.add(Ids.baseline(subject.tenantId(), scope, subject.id(), f, dt.minusDays(1)));
      double value = a.observation().value();
      double z = a.zScore();
      snapshot
          .putObject(f)
          .put("value", SignalFactory.round(value))
          .put("baseline_mean", SignalFactory.round(a.reference().mean()))
          .put("baseline_std_dev", SignalFactory.round(a.reference().stdDev()))
          .put("z_score", SignalFactory.round(z));
      values.put(f, SignalFactory.round(value));
      means.put(f, SignalFactory.round(a.reference().mean()));
      a.observation().eventCounts().forEach((type, n) -> counts.merge(type, n, Math::max));
      parts.add(
          String.format(
              Locale.ROOT,
              "%s %s against a baseline of %s (%+.1f sigma)",
              f,
              SignalFactory.fmt(value),
              SignalFactory.fmt(a.reference().mean()),
              z));
      maxZ = Math.max(maxZ, Math.abs(z));
      confidence += a.reference().confidence();
      read++;
    }
    for (String s : rule.scores()) {
      Double score = day.score(s);
      if (score != null) {
        inputs.add(s);
        snapshot.put(s, Math.round(score));
        parts.add(String.format(Locale.ROOT, "%s %d", s, Math.round(score)));
      }
    }

    ArrayNode evidence = Json.MAPPER.createArrayNode();
    evidence
        .addObject()
        .put("type", "feature_snapshot")
        .put("dt", dt.toString())
        .set("values", values);
    evidence
        .addObject()
        .put("type", "baseline_reference")
        .put("as_of", dt.minusDays(1).toString())
        .set("means", means);
    ObjectNode summary = evidence.addObject().put("type", "event_summary").put("dt", dt.toString());
    ObjectNode c = summary.putObject("event_counts");
    counts.forEach(c::put);

    LocalDate changed = episode.resolvedOn() != null ? episode.resolvedOn() : dt;
    return new BehaviouralSignal(
        Ids.signal(subject.tenantId(), scope, subject.id(), rule.name(), true, episode.startedOn()),
        subject.tenantId(),
        scope,
        subject.id(),
        subject.actorType(),
        Wire.lower(rule.dimension()),
        Wire.lower(rule.signalType()),
        rule.primaryFeature(),
        rule.name(),
        SignalFactory.score(maxZ),
        episode.severity().name(),
        Wire.lower(episode.status()),
        read == 0 ? 0 : SignalFactory.round(confidence / read),
        reason(episode, parts),
        rule.intent(),
        rule.expectedOutcome(),
        evidence,
        snapshot,
        inputs,
        featureIds,
        baselineIds,
        episode.startedOn().toString(),
        SignalFactory.endOf(episode.confirmedOn()),
        SignalFactory.endOf(changed),
        episode.resolvedOn() == null ? null : SignalFactory.endOf(episode.resolvedOn()),
        false);
  }

  static String reason(RuleEpisode episode, List<String> parts) {
    CompositeRule rule = episode.rule();
    String text =
        String.format(
            Locale.ROOT,
            "%s for %d scored day%s since %s (%s): %s; on %s: %s",
            rule.name(),
            episode.heldDays(),
            episode.heldDays() == 1 ? "" : "s",
            episode.startedOn(),
            episode.severity(),
            rule.meaning(),
            episode.latest().dt(),
            String.join("; ", parts));
    if (episode.resolvedOn() != null) {
      text += "; inputs back within baseline on " + episode.resolvedOn();
    }
    return text;
  }
}
