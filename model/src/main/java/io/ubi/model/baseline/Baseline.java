package io.ubi.model.baseline;

import java.io.Serializable;

/**
 * A feature's normal range at one point in time (PRD 10.3).
 *
 * @param dataPoints values included so far (outliers excluded)
 * @param confidence below 0.5 during warm-up, rising to 1 as history accumulates
 * @param outliersExcluded values left out for lying beyond the outlier cut-off
 */
public record Baseline(
    double mean,
    double stdDev,
    int dataPoints,
    double confidence,
    boolean lowConfidence,
    int outliersExcluded,
    double p50,
    double p90)
    implements Serializable {}
