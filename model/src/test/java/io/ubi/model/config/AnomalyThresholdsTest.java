package io.ubi.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.ubi.model.feature.Dimension;
import io.ubi.model.signal.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnomalyThresholdsTest {
  private final AnomalyThresholds defaults = AnomalyThresholds.DEFAULT;

  @ParameterizedTest(name = "z = {0} -> {1}")
  @CsvSource({
    "0.0,   NONE",
    "2.49,  NONE",
    "2.5,   WARN",
    "3.0,   WARN",
    "3.49,  WARN",
    "3.5,   CRITICAL",
    "3.6,   CRITICAL",
    "12.0,  CRITICAL",
    "-2.49, NONE",
    "-2.5,  WARN",
    "-3.5,  CRITICAL",
    "-3.6,  CRITICAL"
  })
  void classifiesByAbsoluteZ(double z, String expected) {
    assertThat(defaults.classify(Dimension.ACTIVITY, z).map(Severity::name).orElse("NONE"))
        .isEqualTo(expected);
  }

  @Test
  void perDimensionLevelsOverrideTheDefaultsForThatDimensionOnly() {
    AnomalyThresholds t =
        new AnomalyThresholds(
            new AnomalyThresholds.Levels(2.5, 3.5),
            Map.of(Dimension.FLOW, new AnomalyThresholds.Levels(2.0, 3.0)),
            1.0,
            1);
    assertThat(t.classify(Dimension.FLOW, 2.0)).contains(Severity.WARN);
    assertThat(t.classify(Dimension.FLOW, -3.0)).contains(Severity.CRITICAL);
    assertThat(t.classify(Dimension.ACTIVITY, 2.0)).isEmpty();
    assertThat(t.classify(Dimension.ACTIVITY, 3.0)).contains(Severity.WARN);
  }

  @ParameterizedTest(name = "z = {0} back to baseline: {1}")
  @CsvSource({
    "0.0, true",
    "0.99, true",
    "1.0, true",
    "-1.0, true",
    "1.01, false",
    "-1.01, false",
    "2.5, false"
  })
  void backToBaselineWithinOneSigma(double z, boolean expected) {
    assertThat(defaults.isBackToBaseline(z)).isEqualTo(expected);
  }

  @Test
  void resolutionBandIsConfigurable() {
    AnomalyThresholds wide = new AnomalyThresholds(defaults.defaults(), Map.of(), 1.5, 1);
    assertThat(wide.isBackToBaseline(1.4)).isTrue();
    assertThat(defaults.isBackToBaseline(1.4)).isFalse();
  }
}
