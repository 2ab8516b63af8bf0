package io.ubi.model.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ubi.model.UbiException;
import io.ubi.model.aggregate.DistinctCount;
import io.ubi.model.aggregate.Gaps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The catalogue is data: read, checked with every problem at once, and the embedded one valid. */
class FeatureCatalogueTest {
  @Test
  void theEmbeddedCatalogueIsValidAndVersioned() {
    FeatureCatalogue c = FeatureCatalog.catalogue();
    assertThat(c.version()).isPositive();
    assertThat(c.windowsDays()).contains(1, 7, 28);
    assertThat(c.features()).isEqualTo(FeatureCatalog.all());
  }

  @Test
  void theDocumentedCatalogueIsTheEmbeddedOne() throws IOException {
    assertThat(Files.readString(Path.of("..", "docs", "features.md")))
        .as("docs/features.md is stale: regenerate it with ./ubi features > docs/features.md")
        .isEqualTo(FeatureDocs.markdown(FeatureCatalog.catalogue()));
  }

  @Test
  void everyKindOfValueIsRead() {
    FeatureCatalogue c =
        FeatureCatalogue.parse(
            """
        {"version": 1, "windows_days": [1],
         "features": [{"name": "focus_minutes", "dimension": "flow", "description": "d",
           "unit": "minutes", "min_std_dev": 1, "min_support": 2, "volume_only": false,
           "value": {"ratio": [
             {"gaps": {"label": "sessions", "types": ["context_switch"], "statistic": "mean",
                       "idle_minutes": 120}},
             {"distinct": {"label": "items", "attribute": "work_item",
                           "where": {"ai_assisted": "true"}, "after_hours": true}}]},
           "when_lower": {"meaning": "m", "intent": "i"}}]}
        """);
    FeatureDefinition f = c.features().get(0);
    assertThat(f.minSupport()).isEqualTo(2.0);
    assertThat(f.whenHigher()).isNull();
    assertThat(f.value().leaves())
        .extracting(Expr.Leaf::label)
        .containsExactly("sessions", "items");
    assertThat(f.value().leaves().get(0).aggregator())
        .isInstanceOfSatisfying(Gaps.class, g -> assertThat(g.idleMinutes()).isEqualTo(120));
    assertThat(f.value().leaves().get(1).aggregator())
        .isInstanceOfSatisfying(
            DistinctCount.class,
            d -> {
              assertThat(d.filter().afterHoursOnly()).isTrue();
              assertThat(d.filter().attributes()).containsEntry("ai_assisted", "true");
            });
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsPath() {
    assertThatThrownBy(
            () ->
                FeatureCatalogue.parse(
                    """
        {"version": 0, "windows_days": [], "colour": "blue",
         "features": [
           {"name": "Bad Name", "dimension": "mood", "description": "", "unit": "u",
            "min_std_dev": 0, "value": {"count": {"label": "x", "types": ["commit"]}}},
           {"name": "twice", "dimension": "flow", "description": "d", "unit": "u",
            "min_std_dev": 1, "value": {"ratio": [{"count": {"label": "a"}}]}},
           {"name": "counted", "dimension": "flow", "description": "d", "unit": "u",
            "min_std_dev": 1, "min_support": 3, "value": {"count": {"label": "a"}}},
           {"name": "twice", "dimension": "flow", "description": "d", "unit": "u",
            "min_std_dev": 1, "value": {"median": {"label": "a"}},
            "when_higher": {"signal_type": "alarm", "meaning": "m", "intent": "i"}}]}
        """))
        .isInstanceOf(UbiException.class)
        .hasMessageContaining("Invalid feature catalogue (13 problems)")
        .hasMessageContaining("version: must be a positive integer, got 0")
        .hasMessageContaining("windows_days: must be a non-empty array")
        .hasMessageContaining("colour: unknown field")
        .hasMessageContaining("features[0].name: must be snake_case, got 'Bad Name'")
        .hasMessageContaining("features[0] (Bad Name).dimension: must be one of activity, flow,")
        .hasMessageContaining("features[0] (Bad Name).description: must be a non-empty string")
        .hasMessageContaining("features[0] (Bad Name).min_std_dev: must be a positive number")
        .hasMessageContaining(
            "features[0] (Bad Name).value.count.types: 'commit' is neither a"
                + " canonical nor a derived event type")
        .hasMessageContaining("features[1] (twice).value.ratio: must be [numerator, denominator]")
        .hasMessageContaining("features[2] (counted).min_support: applies to a ratio's")
        .hasMessageContaining("features[3] (twice).value.median: unknown kind 'median'")
        .hasMessageContaining("features[3] (twice).when_higher.signal_type: unknown field")
        .hasMessageContaining("features[3].name: 'twice' is defined twice");
  }

  @Test
  void signalRulesAreReadWithEveryProblemAtOnce() {
    String features =
        """
        {"version": 1, "windows_days": [1],
         "features": [
           {"name": "late", "dimension": "activity", "description": "d", "unit": "u",
            "min_std_dev": 1, "value": {"count": {"label": "e", "after_hours": true}}},
           {"name": "volume", "dimension": "activity", "description": "d", "unit": "u",
            "min_std_dev": 1, "volume_only": true, "value": {"count": {"label": "e"}}}],
         "scores": [{"name": "s", "dimension": "activity", "description": "d",
           "inputs": [{"feature": "late", "weight": 1, "better": "lower"}]}],
         "signal_rules": %s}
        """;
    FeatureCatalogue ok =
        FeatureCatalogue.parse(
            features.formatted(
                """
        [{"name": "late_and_busy", "signal_type": "risk", "dimension": "activity",
          "meaning": "m", "intent": "i", "expected_outcome": "o", "sustained_days": 2,
          "when": [{"feature": "late", "above_sigma": "warn"},
                   {"any": [{"score": "s", "at_most": 40}, {"feature": "volume", "at_least": 3}]}]}]
        """));
    CompositeRule rule = ok.signalRules().get(0);
    assertThat(rule.features()).containsExactly("late", "volume");
    assertThat(rule.scores()).containsExactly("s");
    assertThat(rule.criticalAfterDays()).as("twice sustained_days by default").isEqualTo(4);
    assertThat(rule.scopes()).hasSize(4);
    assertThat(rule.describe()).isEqualTo("late z >= +warn and (s <= 40 or volume >= 3)");

    assertThatThrownBy(
            () ->
                FeatureCatalogue.parse(
                    features.formatted(
                        """
        [{"name": "late", "signal_type": "alarm", "dimension": "mood", "meaning": "",
          "intent": "i", "expected_outcome": "o", "sustained_days": 0, "scopes": ["galaxy"],
          "when": [{"feature": "volume", "above_sigma": "loud"},
                   {"feature": "nope", "at_least": 1},
                   {"score": "s", "above_sigma": 1},
                   {"feature": "late", "at_least": 1, "at_most": 2}]}]
        """)))
        .isInstanceOf(UbiException.class)
        .hasMessageContaining(
            "signal_rules[0].name: 'late' is already the name of a rule or feature")
        .hasMessageContaining("signal_rules[0].signal_type: must be one of")
        .hasMessageContaining("signal_rules[0].dimension: must be one of")
        .hasMessageContaining("signal_rules[0].meaning: must be a non-empty string")
        .hasMessageContaining("signal_rules[0].sustained_days: must be a whole number of days")
        .hasMessageContaining("signal_rules[0].scopes: 'galaxy' is not one of")
        .hasMessageContaining(
            "signal_rules[0].when[0].above_sigma: must be a positive number of sigmas")
        .hasMessageContaining("signal_rules[0].when[1].feature: 'nope' is not a feature")
        .hasMessageContaining("signal_rules[0].when[2].above_sigma: a score is bounded with")
        .hasMessageContaining("signal_rules[0].when[3]: must have exactly one of");
  }

  @Test
  void aVolumeOnlyFeatureMayNotTriggerARule() {
    assertThatThrownBy(
            () ->
                FeatureCatalogue.parse(
                    """
        {"version": 1, "windows_days": [1],
         "features": [{"name": "volume", "dimension": "activity", "description": "d",
            "unit": "u", "min_std_dev": 1, "volume_only": true,
            "value": {"count": {"label": "e"}}}],
         "signal_rules": [{"name": "busy", "signal_type": "risk", "dimension": "activity",
          "meaning": "m", "intent": "i", "expected_outcome": "o", "sustained_days": 1,
          "when": [{"feature": "volume", "above_sigma": 2}]}]}
        """))
        .hasMessageContaining("the first feature, 'volume', is volume only");
  }
}
