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
           "when_lower": {"signal_type": "risk", "meaning": "m", "intent": "i"}}]}
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
        .hasMessageContaining("features[3] (twice).when_higher.signal_type: must be one of")
        .hasMessageContaining("features[3].name: 'twice' is defined twice");
  }
}
