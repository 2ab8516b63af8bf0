package io.ubi.model.baseline;

import io.ubi.model.config.BaselinePolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The baseline of one feature of one actor or group, folded over its daily values in date order
 * (PRD FR-3). Engine-free: both layers and the tests call the same fold.
 *
 * <p>During warm-up (fewer than {@code warmupDays} values) the mean and standard deviation are the
 * simple ones over all values so far and the baseline is low confidence. After that each value
 * moves an exponential moving average: {@code mean += alpha * (x - mean)} and the exponentially
 * weighted variance {@code var = (1 - alpha) * (var + alpha * (x - mean_before)^2)}. Once the
 * baseline is valid, a value beyond {@code outlierSigma} standard deviations is an outlier: it is
 * counted and left out, so one wild day does not move the norm.
 *
 * <p>Example: {@code acc.add(5); acc.add(7); acc.current().mean()} is {@code 6.0}.
 */
public final class BaselineAccumulator {
  private final BaselinePolicy policy;
  private final double minStdDev;
  private final List<Double> included = new ArrayList<>();
  private double mean;
  private double variance;
  private int outliers;

  public BaselineAccumulator(BaselinePolicy policy) {
    this(policy, 0);
  }

  /**
   * @param minStdDev the feature's floor for the standard deviation: the outlier test measures with
   *     it as the z-score does, so a steady history (no override attempt for weeks) does not learn
   *     the first unusual day in full, and a narrow one does not exclude ordinary days
   */
  public BaselineAccumulator(BaselinePolicy policy, double minStdDev) {
    this.policy = policy;
    this.minStdDev = minStdDev;
  }

  /** Adds the next day's value; returns false if it was excluded as an outlier. */
  public boolean add(double value) {
    int n = included.size();
    if (isValid() && isOutlier(value)) {
      outliers++;
      return false;
    }
    included.add(value);
    if (n < policy.warmupDays()) {
      double sum = 0;
      for (double v : included) {
        sum += v;
      }
      mean = sum / included.size();
      double squares = 0;
      for (double v : included) {
        squares += (v - mean) * (v - mean);
      }
      variance = squares / included.size();
    } else {
      double diff = value - mean;
      double increment = policy.alpha() * diff;
      mean += increment;
      variance = (1 - policy.alpha()) * (variance + diff * increment);
    }
    return true;
  }

  /** True once warm-up is over: anomalies may be raised against this baseline. */
  public boolean isValid() {
    return included.size() >= policy.warmupDays();
  }

  public boolean isOutlier(double value) {
    double std = Math.max(Math.sqrt(variance), minStdDev);
    return std > 0 && Math.abs(value - mean) > policy.outlierSigma() * std;
  }

  public Baseline current() {
    int n = included.size();
    int warmup = policy.warmupDays();
    double confidence =
        n < warmup ? 0.49 * n / warmup : Math.min(1.0, 0.5 + 0.5 * (n - warmup) / (2.0 * warmup));
    return new Baseline(
        mean,
        Math.sqrt(variance),
        n,
        confidence,
        n < warmup,
        outliers,
        percentile(0.5),
        percentile(0.9));
  }

  private double percentile(double q) {
    if (included.isEmpty()) {
      return 0;
    }
    List<Double> sorted = new ArrayList<>(included);
    Collections.sort(sorted);
    int index = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }
}
