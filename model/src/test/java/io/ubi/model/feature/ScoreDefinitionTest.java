package io.ubi.model.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ubi.model.UbiException;
import io.ubi.model.feature.ScoreDefinition.Better;
import io.ubi.model.feature.ScoreDefinition.Deviation;
import io.ubi.model.feature.ScoreDefinition.Input;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The score formula (PRD FR-5) and its place in the catalogue. */
class ScoreDefinitionTest {
  private static final ScoreDefinition FOCUS =
      new ScoreDefinition(
          "focus_flow_score",
          Dimension.FLOW,
          "d",
          List.of(
              new Input("context_switches_per_hour", 2, Better.LOWER),
              new Input("focus_session_length_avg", 1, Better.HIGHER)));

  @Test
  void theWorkedExampleOfTheJavadoc() {
    ScoreDefinition.Result r =
        FOCUS
            .compute(
                Map.of(
                    "context_switches_per_hour", new Deviation(4.5, 1.5, 1.5, 1.0),
                    "focus_session_length_avg", new Deviation(30, 36, -0.6, 1.0)))
            .orElseThrow();
    assertThat(r.score()).isCloseTo(30.0, within(1e-9));
    assertThat(r.inputs())
        .containsEntry("context_switches_per_hour", 25.0)
        .containsEntry("focus_session_length_avg", 40.0);
    assertThat(r.confidence()).isCloseTo(1.0, within(1e-9));
    assertThat(r.reason())
        .startsWith("focus_flow_score 30: context_switches_per_hour 4.50 against a baseline of")
        .contains("(+1.5 sigma, lower is better)")
        .contains("focus_session_length_avg 30 against a baseline of 36 (-0.6 sigma");
  }

  @Test
  void atTheBaselineEveryScoreIsFiftyAndFarBeyondItStopsAtTheEnds() {
    assertThat(
            FOCUS
                .compute(
                    Map.of(
                        "context_switches_per_hour", new Deviation(1, 1, 0, 1),
                        "focus_session_length_avg", new Deviation(9, 9, 0, 1)))
                .orElseThrow()
                .score())
        .isEqualTo(50.0);
    assertThat(ScoreDefinition.part(FOCUS.inputs().get(0), -10)).isEqualTo(100.0);
    assertThat(ScoreDefinition.part(FOCUS.inputs().get(0), 10)).isEqualTo(0.0);
    assertThat(ScoreDefinition.part(FOCUS.inputs().get(1), 3)).isEqualTo(100.0);
  }

  @Test
  void missingInputsLowerTheConfidenceNotTheScore() {
    ScoreDefinition.Result r =
        FOCUS
            .compute(Map.of("focus_session_length_avg", new Deviation(40, 30, 1.5, 0.8)))
            .orElseThrow();
    assertThat(r.score()).isCloseTo(75.0, within(1e-9));
    // a third of the weight, at a baseline confidence of 0.8
    assertThat(r.confidence()).isCloseTo(0.8 / 3, within(1e-9));
    assertThat(FOCUS.compute(Map.of("active_hours", new Deviation(1, 1, 0, 1)))).isEmpty();
  }

  @Test
  void everyCatalogueScoreNamesFeaturesOfTheCatalogueAndCoversADimension() {
    assertThat(FeatureCatalog.scores()).hasSize(4);
    assertThat(FeatureCatalog.scores().stream().map(ScoreDefinition::dimension))
        .containsExactlyInAnyOrder(Dimension.values());
    FeatureCatalog.scores()
        .forEach(
            s ->
                s.inputs()
                    .forEach(
                        i ->
                            assertThat(FeatureCatalog.byName(i.feature()))
                                .hasValueSatisfying(f -> assertThat(f.volumeOnly()).isFalse())));
  }

  @Test
  void aScoreWithProblemsReportsEveryOne() {
    assertThatThrownBy(
            () ->
                FeatureCatalogue.parse(
                    """
                    {"version": 1, "windows_days": [1],
                     "features": [{"name": "events", "dimension": "activity", "description": "d",
                       "unit": "u", "min_std_dev": 1, "volume_only": true,
                       "value": {"count": {"label": "events"}}}],
                     "scores": [{"name": "Bad", "dimension": "mood", "description": "",
                       "colour": 1,
                       "inputs": [{"feature": "nope", "weight": 0, "better": "up"},
                                  {"feature": "events", "weight": 1, "better": "higher"}]}]}
                    """))
        .isInstanceOf(UbiException.class)
        .hasMessageContaining("scores[0].name: must be snake_case, got 'Bad'")
        .hasMessageContaining("scores[0].dimension: must be one of")
        .hasMessageContaining("scores[0].description: must be a non-empty string")
        .hasMessageContaining("scores[0].colour: unknown field")
        .hasMessageContaining("scores[0].inputs[0].feature: 'nope' is not a feature")
        .hasMessageContaining("scores[0].inputs[0].weight: must be a positive number")
        .hasMessageContaining("scores[0].inputs[0].better: must be one of higher, lower")
        .hasMessageContaining(
            "scores[0].inputs[1].feature: 'events' is volume only, and volume is never a score"
                + " input");
  }
}
