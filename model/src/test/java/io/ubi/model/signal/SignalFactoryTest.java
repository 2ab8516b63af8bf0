package io.ubi.model.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.model.Ids;
import io.ubi.model.Json;
import io.ubi.model.baseline.Baseline;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.feature.FeatureDefinition;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalFactoryTest {
  private static final FeatureDefinition FEATURE = FeatureCatalog.CONTEXT_SWITCHES_PER_HOUR;
  private static final SignalFactory.Subject SUBJECT =
      new SignalFactory.Subject("acme", ActorScope.ACTOR, "ps_0123456789abcdef01234567", "human");
  private static final LocalDate STARTED = LocalDate.of(2026, 3, 2);
  private static final LocalDate LATEST = LocalDate.of(2026, 3, 3);

  /**
   * Baseline mean 2, std 0.8 (21 points, full confidence); the day is 5 switches/hour: z = 3.75.
   */
  private static DayAssessment day(LocalDate dt) {
    Map<String, Double> inputs = new LinkedHashMap<>();
    inputs.put("context_switches", 30.0);
    inputs.put("active_hours", 6.0);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("file_edited", 120L);
    counts.put("context_switch", 30L);
    DailyObservation o = new DailyObservation(dt, 5.0, inputs, counts);
    Baseline ref = new Baseline(2.0, 0.8, 21, 1.0, false, 1, 2.0, 3.0);
    Baseline after = new Baseline(2.0, 0.8, 21, 1.0, false, 2, 2.0, 3.0);
    return new DayAssessment(o, ref, (5.0 - 2.0) / 0.8, true, after);
  }

  private static SignalEpisode episode(LocalDate resolvedOn) {
    return new SignalEpisode(
        true, FEATURE.whenHigher(), STARTED, day(LATEST), Severity.CRITICAL, resolvedOn);
  }

  @Test
  void reasonNamesFeatureValueBaselineAndZ() {
    BehaviouralSignal s = SignalFactory.build(SUBJECT, FEATURE, episode(null));
    assertThat(s.reason())
        .isEqualTo(
            "context_switches_per_hour rose to 5 on 2026-03-03 against a"
                + " baseline of 2 ± 0.80 (z = 3.8, CRITICAL level): frequent context switching fragments focus"
                + " time; inputs: context_switches=30, active_hours=6");
  }

  @Test
  void resolvedReasonSaysWhenItWasBackWithinBaseline() {
    BehaviouralSignal s = SignalFactory.build(SUBJECT, FEATURE, episode(LocalDate.of(2026, 3, 5)));
    assertThat(s.reason()).endsWith("; back within baseline on 2026-03-05");
    assertThat(s.status()).isEqualTo("resolved");
    assertThat(s.resolvedAt()).isEqualTo(Instant.parse("2026-03-06T00:00:00Z"));
    assertThat(s.updatedAt()).isEqualTo(Instant.parse("2026-03-06T00:00:00Z"));
  }

  @Test
  void signalFieldsCarryWireValuesAndLogicalTimestamps() {
    BehaviouralSignal s = SignalFactory.build(SUBJECT, FEATURE, episode(null));
    assertThat(s.signalId())
        .isEqualTo(
            Ids.signal("acme", "actor", SUBJECT.id(), "context_switches_per_hour", true, STARTED));
    assertThat(s.tenantId()).isEqualTo("acme");
    assertThat(s.actorScope()).isEqualTo("actor");
    assertThat(s.actorOrGroupId()).isEqualTo("ps_0123456789abcdef01234567");
    assertThat(s.actorType()).isEqualTo("human");
    assertThat(s.dimension()).isEqualTo("flow");
    assertThat(s.signalType()).isEqualTo("informational");
    assertThat(s.featureName()).isEqualTo("context_switches_per_hour");
    assertThat(s.rule()).isEqualTo("context_switches_per_hour");
    assertThat(s.score()).isEqualTo(75); // |3.75| * 20
    assertThat(s.severity()).as("a single feature's anomaly is context").isEqualTo("INFO");
    assertThat(s.inputs()).containsExactly(Json.MAPPER.getNodeFactory().textNode(FEATURE.name()));
    assertThat(s.featureIds().get(0).asText())
        .isEqualTo(Ids.feature("acme", "actor", SUBJECT.id(), FEATURE.name(), LATEST, "daily"));
    assertThat(s.baselineReference().get(0).asText())
        .isEqualTo(
            Ids.baseline("acme", "actor", SUBJECT.id(), FEATURE.name(), LATEST.minusDays(1)));
    assertThat(s.status()).isEqualTo("active");
    assertThat(s.confidence()).isEqualTo(1.0);
    assertThat(s.intent()).isEqualTo("suggest a focus block or fewer parallel tickets");
    assertThat(s.detectedFor()).isEqualTo("2026-03-02");
    assertThat(s.createdAt()).isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
    assertThat(s.updatedAt()).isEqualTo(Instant.parse("2026-03-04T00:00:00Z"));
    assertThat(s.resolvedAt()).isNull();
  }

  @Test
  void signalIdIsStableAcrossUpdatesOfTheSameEpisode() {
    SignalEpisode later =
        new SignalEpisode(
            true,
            FEATURE.whenHigher(),
            STARTED,
            day(LocalDate.of(2026, 3, 4)),
            Severity.WARN,
            null);
    assertThat(SignalFactory.build(SUBJECT, FEATURE, later).signalId())
        .isEqualTo(SignalFactory.build(SUBJECT, FEATURE, episode(null)).signalId());
  }

  @Test
  void evidenceEmbedsSnapshotBaselineAndEventCounts() {
    BehaviouralSignal s = SignalFactory.build(SUBJECT, FEATURE, episode(null));
    JsonNode evidence = s.evidenceRefs();
    assertThat(evidence.isArray()).isTrue();
    assertThat(evidence).hasSize(3);

    String featureId =
        Ids.feature("acme", "actor", SUBJECT.id(), "context_switches_per_hour", LATEST, "daily");
    String baselineId =
        Ids.baseline(
            "acme", "actor", SUBJECT.id(), "context_switches_per_hour", LocalDate.of(2026, 3, 2));
    assertThat(evidence.get(0))
        .isEqualTo(
            Json.parse(
                """
        {"type": "feature_snapshot", "feature_id": "%s", "feature_name": "context_switches_per_hour",
         "dt": "2026-03-03", "value": 5.0, "inputs": {"context_switches": 30.0, "active_hours": 6.0}}
        """
                    .formatted(featureId)));
    assertThat(evidence.get(1))
        .isEqualTo(
            Json.parse(
                """
        {"type": "baseline_reference", "baseline_id": "%s", "mean": 2.0, "std_dev": 0.8,
         "data_points": 21, "confidence": 1.0}
        """
                    .formatted(baselineId)));
    JsonNode summary = evidence.get(2);
    assertThat(summary.get("type").asText()).isEqualTo("event_summary");
    assertThat(summary.get("dt").asText()).isEqualTo("2026-03-03");
    assertThat(summary.get("event_counts").fieldNames())
        .toIterable()
        .containsExactly("context_switch", "file_edited"); // sorted by type
    assertThat(summary.get("event_counts").get("context_switch").asLong()).isEqualTo(30L);
    assertThat(summary.get("event_counts").get("file_edited").asLong()).isEqualTo(120L);
    assertThat(summary).hasSize(3);
    assertThat(Json.write(evidence).length())
        .as("evidence is a summary under 1 KB")
        .isLessThan(1024);

    assertThat(s.featureSnapshot())
        .isEqualTo(
            Json.parse(
                """
        {"context_switches_per_hour": 5.0, "z_score": 3.75, "baseline_mean": 2.0,
         "baseline_std_dev": 0.8}
        """));
  }

  @Test
  void serialisesWithSnakeCaseFieldsAndExplicitNulls() {
    JsonNode json = Json.parse(Json.write(SignalFactory.build(SUBJECT, FEATURE, episode(null))));
    assertThat(json.has("actor_or_group_id")).isTrue();
    assertThat(json.get("evidence_refs").isArray()).isTrue();
    assertThat(json.get("resolved_at").isNull()).isTrue();
    assertThat(json.get("score").asInt()).isEqualTo(75);
  }

  @ParameterizedTest(name = "z = {0} -> score {1}")
  @CsvSource({
    "0.0, 0",
    "2.5, 50",
    "-2.5, 50",
    "2.53, 51",
    "3.6, 72",
    "-3.6, 72",
    "4.99, 100",
    "5.0, 100",
    "12.0, 100",
    "-40.0, 100"
  })
  void scoreIsTwentyTimesAbsoluteZCappedAt100(double z, int expected) {
    assertThat(SignalFactory.score(z)).isEqualTo(expected);
  }
}
