package io.ubi.model.feature;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A 0-100 score of one dimension (PRD FR-5), defined in the catalogue: a weighted mean of its input
 * features' deviations from their own baselines, each turned the way that is better. 50 is the
 * subject's normal; a feature {@value #FULL_SCALE_SIGMA} standard deviations better than usual
 * gives 100 for that input, as far worse gives 0. The score is as sure as the baselines behind it
 * and as complete as its inputs that had a scored day.
 *
 * <p>Example: {@code focus_flow_score} with {@code context_switches_per_hour} (weight 2, lower is
 * better) at z = +1.5 and {@code focus_session_length_avg} (weight 1, higher is better) at z = -0.6
 * gives (2 x 25 + 1 x 40) / 3 = 30.
 */
public record ScoreDefinition(
    String name, Dimension dimension, String description, List<Input> inputs)
    implements Serializable {
  /** Deviations this many standard deviations away reach 0 or 100. */
  public static final double FULL_SCALE_SIGMA = 3.0;

  /** Which way of a feature is good for the dimension. */
  public enum Better {
    HIGHER,
    LOWER
  }

  /** One contributing feature. */
  public record Input(String feature, double weight, Better better) implements Serializable {}

  /**
   * A feature's day against its baseline.
   *
   * @param confidence the baseline's
   */
  public record Deviation(double value, double baselineMean, double zScore, double confidence)
      implements Serializable {}

  /**
   * @param inputs each contributing feature's own 0-100 part, by name
   * @param reason the score with the inputs that moved it most, each with value and baseline
   */
  public record Result(double score, double confidence, Map<String, Double> inputs, String reason)
      implements Serializable {}

  public ScoreDefinition {
    inputs = List.copyOf(inputs);
  }

  /** The score of a day, from the deviations of that day's scored features; empty if none. */
  public Optional<Result> compute(Map<String, Deviation> deviations) {
    double total = 0;
    double present = 0;
    double sum = 0;
    double confidence = 0;
    Map<String, Double> parts = new LinkedHashMap<>();
    List<Input> used = new ArrayList<>();
    for (Input in : inputs) {
      total += in.weight();
      Deviation d = deviations.get(in.feature());
      if (d == null) {
        continue;
      }
      double part = part(in, d.zScore());
      parts.put(in.feature(), part);
      used.add(in);
      present += in.weight();
      sum += in.weight() * part;
      confidence += in.weight() * d.confidence();
    }
    if (used.isEmpty()) {
      return Optional.empty();
    }
    double score = sum / present;
    return Optional.of(
        new Result(
            score,
            (present / total) * (confidence / present),
            parts,
            reason(score, used, deviations)));
  }

  /** One input's 0-100 part: 50 at the baseline, the better direction upwards. */
  static double part(Input in, double z) {
    double toward = in.better() == Better.HIGHER ? z : -z;
    return Math.max(0, Math.min(100, 50 + 50 * toward / FULL_SCALE_SIGMA));
  }

  private String reason(double score, List<Input> used, Map<String, Deviation> deviations) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s %.0f", name, score));
    List<Input> moved = new ArrayList<>(used);
    moved.sort(
        Comparator.comparingDouble((Input in) -> -Math.abs(deviations.get(in.feature()).zScore()))
            .thenComparing(Input::feature));
    String sep = ": ";
    for (Input in : moved.subList(0, Math.min(2, moved.size()))) {
      Deviation d = deviations.get(in.feature());
      s.append(sep)
          .append(
              String.format(
                  Locale.ROOT,
                  "%s %s against a baseline of %s (%+.1f sigma, %s is better)",
                  in.feature(),
                  number(d.value()),
                  number(d.baselineMean()),
                  d.zScore(),
                  in.better().name().toLowerCase(Locale.ROOT)));
      sep = "; ";
    }
    return s.toString();
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e9
        ? String.valueOf((long) v)
        : String.format(Locale.ROOT, "%.2f", v);
  }
}
