package io.ubi.model.feedback;

import io.ubi.model.Wire;
import io.ubi.model.config.AnomalyThresholds;
import io.ubi.model.feature.Dimension;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The measured false-positive rate of a tenant's signals, and the WARN thresholds that would keep
 * it under the target (PRD FR-4: under 5 %), from the verdicts consumers gave. Engine-free: the
 * nightly job runs it over {@code gold.signal_feedback}.
 *
 * <p>A dimension's proposal is the lowest WARN level, from the current one up in steps of {@value
 * #STEP} sigma, at which the signals the tenant rated and whose inputs deviated at least that far
 * would have had a false-positive share under the target; the CRITICAL level keeps its distance
 * above. With fewer than {@code minRatings} verdicts on a dimension nothing is proposed: a rate of
 * 1 in 3 says little.
 */
public final class FeedbackQuality {
  public static final double TARGET_FALSE_POSITIVE_RATE = 0.05;
  public static final double STEP = 0.1;
  public static final double HIGHEST_WARN = 6.0;

  /** Verdicts on a dimension below which nothing is proposed. */
  public static final int DEFAULT_MIN_RATINGS = 20;

  /**
   * Verdict counts of one rule, dimension or the whole tenant ({@code kind}: rule, dimension,
   * tenant).
   */
  public record Rate(
      String kind,
      String name,
      String dimension,
      long rated,
      long falsePositives,
      long useful,
      long notUseful)
      implements Serializable {
    public double falsePositiveRate() {
      return rated == 0 ? 0 : (double) falsePositives / rated;
    }
  }

  /** The outcome of tuning one dimension. */
  public enum Status {
    /** Enough verdicts and the rate is under the target at the current levels. */
    WITHIN_TARGET,
    /** A higher WARN level would bring the rate under the target. */
    PROPOSED,
    /** Even the highest level tried would not: the rule, not the threshold, is at fault. */
    UNREACHABLE,
    /** Too few verdicts to say. */
    INSUFFICIENT_FEEDBACK
  }

  /**
   * @param expectedRate the false-positive share the rated signals would have had at the proposed
   *     level, or null when nothing is proposed
   */
  public record Proposal(
      String dimension,
      AnomalyThresholds.Levels current,
      AnomalyThresholds.Levels proposed,
      long rated,
      double measuredRate,
      Double expectedRate,
      Status status)
      implements Serializable {}

  private FeedbackQuality() {}

  /** Counts by rule, by dimension and for the whole tenant (one tenant's feedback). */
  public static List<Rate> rates(List<SignalFeedback> feedback) {
    List<Rate> out = new ArrayList<>();
    out.addAll(group(feedback, "rule", SignalFeedback::rule));
    out.addAll(group(feedback, "dimension", SignalFeedback::dimension));
    out.addAll(group(feedback, "tenant", f -> "*"));
    return out;
  }

  /** One proposal per dimension with feedback (one tenant's feedback and thresholds). */
  public static List<Proposal> proposals(
      List<SignalFeedback> feedback, AnomalyThresholds thresholds, int minRatings) {
    Map<String, List<SignalFeedback>> byDimension = new TreeMap<>();
    feedback.forEach(
        f -> byDimension.computeIfAbsent(f.dimension(), k -> new ArrayList<>()).add(f));
    List<Proposal> out = new ArrayList<>();
    byDimension.forEach(
        (name, rated) -> {
          Optional<Dimension> dimension = Wire.parse(Dimension.class, name);
          if (dimension.isPresent()) {
            out.add(propose(name, rated, thresholds.levels(dimension.get()), minRatings));
          }
        });
    return out;
  }

  static Proposal propose(
      String dimension, List<SignalFeedback> rated, AnomalyThresholds.Levels current, int min) {
    double measured = share(rated);
    if (rated.size() < min) {
      return new Proposal(
          dimension, current, null, rated.size(), measured, null, Status.INSUFFICIENT_FEEDBACK);
    }
    if (measured <= TARGET_FALSE_POSITIVE_RATE) {
      return new Proposal(
          dimension, current, current, rated.size(), measured, measured, Status.WITHIN_TARGET);
    }
    // Verdicts outlive a change of level: those on signals the current level would no longer
    // raise (rated before the level was raised) say nothing about it.
    Double atCurrent = shareFrom(rated, current.warn(), min);
    if (atCurrent != null && atCurrent <= TARGET_FALSE_POSITIVE_RATE) {
      return new Proposal(
          dimension, current, current, rated.size(), measured, atCurrent, Status.WITHIN_TARGET);
    }
    double gap = current.critical() - current.warn();
    for (int step = 1; current.warn() + step * STEP <= HIGHEST_WARN + 1e-9; step++) {
      double warn = Math.round((current.warn() + step * STEP) * 10) / 10.0;
      Double expected = shareFrom(rated, warn, min);
      if (expected == null) {
        break;
      }
      if (expected <= TARGET_FALSE_POSITIVE_RATE) {
        return new Proposal(
            dimension,
            current,
            new AnomalyThresholds.Levels(warn, Math.round((warn + gap) * 10) / 10.0),
            rated.size(),
            measured,
            expected,
            Status.PROPOSED);
      }
    }
    return new Proposal(dimension, current, null, rated.size(), measured, null, Status.UNREACHABLE);
  }

  /**
   * The false-positive share of the rated signals whose trigger deviated at least {@code warn}, or
   * null when too few did to judge: a level that keeps too few is no evidence either way.
   */
  private static Double shareFrom(List<SignalFeedback> rated, double warn, int min) {
    List<SignalFeedback> kept =
        rated.stream()
            .filter(f -> f.triggerSigma() != null && f.triggerSigma() >= warn - 1e-9)
            .toList();
    return kept.size() < Math.max(5, min / 4) ? null : share(kept);
  }

  private static double share(List<SignalFeedback> rated) {
    return rated.isEmpty()
        ? 0
        : (double) rated.stream().filter(SignalFeedback::isFalsePositive).count() / rated.size();
  }

  private static List<Rate> group(
      List<SignalFeedback> feedback, String kind, Function<SignalFeedback, String> key) {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, String> dimensions = new TreeMap<>();
    for (SignalFeedback f : feedback) {
      String k = key.apply(f);
      long[] c = counts.computeIfAbsent(k, x -> new long[4]);
      c[0]++;
      Verdict v = Wire.parse(Verdict.class, f.verdict()).orElse(Verdict.NOT_USEFUL);
      c[v == Verdict.FALSE_POSITIVE ? 1 : v == Verdict.USEFUL ? 2 : 3]++;
      dimensions.merge(k, f.dimension(), (a, b) -> a.equals(b) ? a : "*");
    }
    List<Rate> out = new ArrayList<>();
    counts.forEach((k, c) -> out.add(new Rate(kind, k, dimensions.get(k), c[0], c[1], c[2], c[3])));
    return out;
  }
}
