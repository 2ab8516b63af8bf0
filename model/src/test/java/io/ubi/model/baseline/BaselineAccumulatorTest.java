package io.ubi.model.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ubi.model.config.BaselinePolicy;
import org.junit.jupiter.api.Test;

class BaselineAccumulatorTest {
  private static final double EPS = 1e-9;

  /** Seven values with mean exactly 10 and population standard deviation exactly 2. */
  private static final double[] WARM_UP = {13, 7, 12, 8, 11, 9, 10};

  private static BaselineAccumulator accumulator(double... values) {
    BaselineAccumulator acc = new BaselineAccumulator(BaselinePolicy.DEFAULT);
    for (double v : values) {
      acc.add(v);
    }
    return acc;
  }

  @Test
  void defaultPolicyIsAlphaPoint1SevenDayWarmUpThreeSigmaOutliers() {
    assertThat(BaselinePolicy.DEFAULT).isEqualTo(new BaselinePolicy(0.1, 7, 90, 3.0));
  }

  @Test
  void warmUpUsesTheSimpleMeanAndPopulationStdDev() {
    BaselineAccumulator acc = accumulator(5, 7);
    Baseline b = acc.current();
    assertThat(b.mean()).isEqualTo(6.0);
    assertThat(b.stdDev()).isEqualTo(1.0);
    assertThat(b.dataPoints()).isEqualTo(2);

    acc.add(12); // 5, 7, 12: mean 8, squares 9 + 1 + 16 = 26
    assertThat(acc.current().mean()).isCloseTo(8.0, within(EPS));
    assertThat(acc.current().stdDev()).isCloseTo(Math.sqrt(26.0 / 3), within(EPS));
  }

  @Test
  void warmUpValuesAreNeverExcludedAsOutliers() {
    BaselineAccumulator acc = accumulator(10, 10, 10, 11, 9);
    assertThat(acc.add(100)).isTrue();
    assertThat(acc.current().outliersExcluded()).isZero();
    assertThat(acc.current().mean()).isCloseTo(150.0 / 6, within(EPS));
  }

  @Test
  void lowConfidenceBelowOneHalfUntilTheSeventhValue() {
    BaselineAccumulator acc = new BaselineAccumulator(BaselinePolicy.DEFAULT);
    assertThat(acc.current().confidence()).isZero();
    for (int i = 0; i < 6; i++) {
      acc.add(WARM_UP[i]);
      Baseline b = acc.current();
      assertThat(acc.isValid()).as("valid after %d values", i + 1).isFalse();
      assertThat(b.lowConfidence()).isTrue();
      assertThat(b.confidence()).isLessThan(0.5).isCloseTo(0.49 * (i + 1) / 7, within(EPS));
    }
    acc.add(WARM_UP[6]);
    assertThat(acc.isValid()).isTrue();
    assertThat(acc.current().lowConfidence()).isFalse();
    assertThat(acc.current().confidence()).isEqualTo(0.5);
  }

  @Test
  void confidenceRisesToOneAfterThreeWarmUpLengths() {
    BaselineAccumulator acc = accumulator(WARM_UP);
    acc.add(10);
    acc.add(10); // 9 values: 0.5 + 0.5 * 2 / 14
    assertThat(acc.current().confidence()).isCloseTo(0.5 + 1.0 / 14, within(EPS));
    for (int i = 0; i < 12; i++) {
      acc.add(10);
    }
    assertThat(acc.current().dataPoints()).isEqualTo(21);
    assertThat(acc.current().confidence()).isEqualTo(1.0);
    acc.add(10);
    assertThat(acc.current().confidence()).isEqualTo(1.0);
  }

  @Test
  void afterWarmUpEachValueMovesAnEmaWithAlphaPoint1() {
    BaselineAccumulator acc = accumulator(10, 12, 8, 10, 12, 8, 10);
    // warm-up: mean 10, variance (0 + 4 + 4 + 0 + 4 + 4 + 0) / 7 = 16 / 7
    assertThat(acc.current().mean()).isCloseTo(10.0, within(EPS));
    assertThat(acc.current().stdDev()).isCloseTo(Math.sqrt(16.0 / 7), within(EPS));

    acc.add(13);
    // mean 10 + 0.1 * 3 = 10.3 (the simple mean would be 83 / 8 = 10.375)
    // var 0.9 * (16/7 + 0.1 * 3^2) = 0.9 * 3.1857142857 = 2.8671428571
    assertThat(acc.current().mean()).isCloseTo(10.3, within(EPS));
    assertThat(acc.current().stdDev()).isCloseTo(Math.sqrt(2.867142857142857), within(EPS));

    acc.add(9);
    // mean 10.3 + 0.1 * (9 - 10.3) = 10.17
    // var 0.9 * (2.8671428571 + 0.1 * 1.3^2) = 0.9 * 3.0361428571 = 2.7325285714
    assertThat(acc.current().mean()).isCloseTo(10.17, within(EPS));
    assertThat(acc.current().stdDev()).isCloseTo(Math.sqrt(2.7325285714285714), within(EPS));
    assertThat(acc.current().dataPoints()).isEqualTo(9);
  }

  @Test
  void percentilesAreNearestRankOverTheIncludedValues() {
    Baseline b = accumulator(10, 12, 8, 10, 12, 8, 10).current(); // 8 8 10 10 10 12 12
    assertThat(b.p50()).isEqualTo(10.0);
    assertThat(b.p90()).isEqualTo(12.0);
  }

  @Test
  void onceValidAValueBeyondThreeSigmaIsExcludedAndCounted() {
    BaselineAccumulator acc = accumulator(WARM_UP);
    Baseline before = acc.current();
    assertThat(before.mean()).isEqualTo(10.0);
    assertThat(before.stdDev()).isEqualTo(2.0);

    assertThat(acc.add(16.001)).isFalse(); // 6.001 > 3 * 2
    assertThat(acc.add(3.999)).isFalse(); // below too
    Baseline after = acc.current();
    assertThat(after.outliersExcluded()).isEqualTo(2);
    assertThat(after.dataPoints()).isEqualTo(7);
    assertThat(after.mean()).isEqualTo(before.mean());
    assertThat(after.stdDev()).isEqualTo(before.stdDev());
  }

  @Test
  void aValueExactlyAtThreeSigmaIsStillIncluded() {
    BaselineAccumulator acc = accumulator(WARM_UP);
    assertThat(acc.isOutlier(16.0)).isFalse();
    assertThat(acc.add(16.0)).isTrue();
    assertThat(acc.current().mean()).isCloseTo(10.6, within(EPS));
    assertThat(acc.current().outliersExcluded()).isZero();
  }

  @Test
  void allZerosGiveMeanZeroAndStdDevZero() {
    Baseline b = accumulator(0, 0, 0, 0, 0, 0, 0, 0, 0, 0).current();
    assertThat(b.mean()).isZero();
    assertThat(b.stdDev()).isZero();
    assertThat(b.dataPoints()).isEqualTo(10);
    assertThat(b.lowConfidence()).isFalse();
  }

  @Test
  void thirtyDaysAroundFiftyGiveABaselineNearFifty() {
    // 30 days alternating 40 / 60 (mean 50, std 10), PRD UT-UBI-02
    BaselineAccumulator acc = new BaselineAccumulator(BaselinePolicy.DEFAULT);
    for (int d = 0; d < 30; d++) {
      assertThat(acc.add(d % 2 == 0 ? 40 : 60)).isTrue();
    }
    assertThat(acc.current().mean()).isCloseTo(50.0, within(1.0));
    assertThat(acc.current().stdDev()).isCloseTo(10.0, within(1.0));
  }

  @Test
  void outliersAreMeasuredWithTheFeaturesFloorAsTheZScoreIs() {
    // weeks without an override attempt: deviation 0, floor 1
    BaselineAccumulator steady = new BaselineAccumulator(BaselinePolicy.DEFAULT, 1.0);
    BaselineAccumulator unfloored = new BaselineAccumulator(BaselinePolicy.DEFAULT);
    for (int d = 0; d < 20; d++) {
      steady.add(0);
      unfloored.add(0);
    }
    assertThat(steady.add(7)).as("seven attempts are 7 floored sigmas out").isFalse();
    assertThat(unfloored.add(7)).as("without the floor nothing is ever out").isTrue();

    // a narrow history (0.3 either side): a value 2 floored sigmas out is ordinary
    BaselineAccumulator narrow = new BaselineAccumulator(BaselinePolicy.DEFAULT, 1.0);
    for (int d = 0; d < 20; d++) {
      narrow.add(d % 2 == 0 ? 4.7 : 5.3);
    }
    assertThat(narrow.add(7)).isTrue();
  }
}
