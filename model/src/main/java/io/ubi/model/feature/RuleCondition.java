package io.ubi.model.feature;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The vocabulary of a composite signal rule's condition ({@link CompositeRule}): a feature's
 * deviation from its own baseline, a feature's value, a dimension score, and {@code all} / {@code
 * any} of those. The catalogue holds the conditions; this holds what they mean.
 *
 * <p>Evaluation is three-valued: a condition over a feature that was not scored that day (warm-up,
 * a non-working day, too little support, no events) is {@link Truth#UNKNOWN}, so a missing day is
 * never read as a calm one or as a deviation.
 */
public sealed interface RuleCondition extends Serializable {

  /** The outcome of a condition on one day. */
  enum Truth {
    TRUE,
    FALSE,
    UNKNOWN;

    static Truth of(boolean b) {
      return b ? TRUE : FALSE;
    }
  }

  /** Which way of a bound a value must be. */
  enum Direction {
    ABOVE,
    BELOW
  }

  /** What a condition reads of a subject's day. Nulls mean "not scored that day". */
  interface Day {
    Double zScore(String feature);

    Double value(String feature);

    Double score(String score);
  }

  /**
   * The deviation levels a condition is judged at: the tenant's WARN and CRITICAL levels of the
   * rule's dimension, or, to decide whether a signal has calmed down, one relaxed level standing in
   * for every deviation bound ({@code resolve_within_sigma}); in that form value and score bounds
   * hold whenever known, so only the deviations decide whether the inputs are back near their
   * baselines.
   */
  record Levels(double warn, double critical, Double relaxedTo) implements Serializable {
    /** Whether this is the relaxed form, where only deviations decide. */
    boolean isRelaxed() {
      return relaxedTo != null;
    }

    public Levels relaxed(double sigma) {
      return new Levels(warn, critical, sigma);
    }

    double sigma(Sigma s) {
      if (relaxedTo != null) {
        return Math.min(relaxedTo, s.at(this));
      }
      return s.at(this);
    }
  }

  /** A deviation bound: a number of standard deviations or the tenant's WARN / CRITICAL level. */
  record Sigma(Double sigmas, String level) implements Serializable {
    double at(Levels l) {
      if (sigmas != null) {
        return sigmas;
      }
      return "critical".equals(level) ? l.critical() : l.warn();
    }

    @Override
    public String toString() {
      return sigmas != null ? fmt(sigmas) : level;
    }
  }

  Truth evaluate(Day day, Levels levels);

  /** The features this condition reads, in order of appearance. */
  void features(List<String> out);

  /** The scores this condition reads. */
  void scores(List<String> out);

  /**
   * True when the condition can only become true as a day's events accumulate (rises above a
   * bound), so the day so far may already show it; a drop, an upper bound or a score can only be
   * judged on the whole day.
   */
  boolean onlyRises();

  /** The feature deviates from its baseline by at least {@code sigma} in {@code direction}. */
  record Deviates(String feature, Direction direction, Sigma sigma) implements RuleCondition {
    @Override
    public Truth evaluate(Day day, Levels levels) {
      Double z = day.zScore(feature);
      if (z == null) {
        return Truth.UNKNOWN;
      }
      double bound = levels.sigma(sigma);
      return Truth.of(direction == Direction.ABOVE ? z >= bound : z <= -bound);
    }

    @Override
    public void features(List<String> out) {
      out.add(feature);
    }

    @Override
    public void scores(List<String> out) {}

    @Override
    public boolean onlyRises() {
      return direction == Direction.ABOVE;
    }

    @Override
    public String toString() {
      return feature + (direction == Direction.ABOVE ? " z >= +" : " z <= -") + sigma;
    }
  }

  /** The feature's value is at least (ABOVE) or at most (BELOW) {@code bound}. */
  record Value(String feature, Direction direction, double bound) implements RuleCondition {
    @Override
    public Truth evaluate(Day day, Levels levels) {
      Double v = day.value(feature);
      if (v == null) {
        return Truth.UNKNOWN;
      }
      if (levels.isRelaxed()) {
        return Truth.TRUE;
      }
      return Truth.of(direction == Direction.ABOVE ? v >= bound : v <= bound);
    }

    @Override
    public void features(List<String> out) {
      out.add(feature);
    }

    @Override
    public void scores(List<String> out) {}

    @Override
    public boolean onlyRises() {
      return direction == Direction.ABOVE;
    }

    @Override
    public String toString() {
      return feature + (direction == Direction.ABOVE ? " >= " : " <= ") + fmt(bound);
    }
  }

  /** The dimension score is at least (ABOVE) or at most (BELOW) {@code bound}. */
  record Score(String score, Direction direction, double bound) implements RuleCondition {
    @Override
    public Truth evaluate(Day day, Levels levels) {
      Double v = day.score(score);
      if (v == null) {
        return Truth.UNKNOWN;
      }
      if (levels.isRelaxed()) {
        return Truth.TRUE;
      }
      return Truth.of(direction == Direction.ABOVE ? v >= bound : v <= bound);
    }

    @Override
    public void features(List<String> out) {}

    @Override
    public void scores(List<String> out) {
      out.add(score);
    }

    @Override
    public boolean onlyRises() {
      return false;
    }

    @Override
    public String toString() {
      return score + (direction == Direction.ABOVE ? " >= " : " <= ") + fmt(bound);
    }
  }

  /** {@code all} or {@code any} of other conditions. */
  sealed interface Combination extends RuleCondition {
    List<RuleCondition> of();

    @Override
    default void features(List<String> out) {
      of().forEach(c -> c.features(out));
    }

    @Override
    default void scores(List<String> out) {
      of().forEach(c -> c.scores(out));
    }

    @Override
    default boolean onlyRises() {
      return of().stream().allMatch(RuleCondition::onlyRises);
    }
  }

  /** Every one holds: false if one is false, unknown if none is false and one is unknown. */
  record All(List<RuleCondition> of) implements Combination {
    public All {
      of = List.copyOf(of);
    }

    @Override
    public Truth evaluate(Day day, Levels levels) {
      Truth result = Truth.TRUE;
      for (RuleCondition c : of) {
        Truth t = c.evaluate(day, levels);
        if (t == Truth.FALSE) {
          return Truth.FALSE;
        }
        if (t == Truth.UNKNOWN) {
          result = Truth.UNKNOWN;
        }
      }
      return result;
    }

    @Override
    public String toString() {
      return "(" + join(of, " and ") + ")";
    }
  }

  /** One holds: true if one is true, unknown if none is true and one is unknown. */
  record Any(List<RuleCondition> of) implements Combination {
    public Any {
      of = List.copyOf(of);
    }

    @Override
    public Truth evaluate(Day day, Levels levels) {
      Truth result = Truth.FALSE;
      for (RuleCondition c : of) {
        Truth t = c.evaluate(day, levels);
        if (t == Truth.TRUE) {
          return Truth.TRUE;
        }
        if (t == Truth.UNKNOWN) {
          result = Truth.UNKNOWN;
        }
      }
      return result;
    }

    @Override
    public String toString() {
      return "(" + join(of, " or ") + ")";
    }
  }

  private static String join(List<RuleCondition> conditions, String sep) {
    List<String> parts = new ArrayList<>();
    conditions.forEach(c -> parts.add(c.toString()));
    return String.join(sep, parts);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
