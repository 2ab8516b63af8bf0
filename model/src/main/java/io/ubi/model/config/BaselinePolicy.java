package io.ubi.model.config;

import java.io.Serializable;

/**
 * Baseline parameters (PRD FR-3): EMA smoothing, the warm-up length during which baselines are low
 * confidence and raise no anomalies, the history window, and the outlier cut-off.
 */
public record BaselinePolicy(double alpha, int warmupDays, int windowDays, double outlierSigma)
    implements Serializable {
  public static final BaselinePolicy DEFAULT = new BaselinePolicy(0.1, 7, 90, 3.0);
}
