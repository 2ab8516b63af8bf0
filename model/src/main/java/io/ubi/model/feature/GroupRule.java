package io.ubi.model.feature;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * How a team's, cohort's or tenant's value of a feature comes from its members' values of the same
 * day (PRD FR-3): their mean, median or sum, or the share of members above a level (e.g. the share
 * of a team working mostly after hours, which says more than their mean). Only members whose value
 * has the feature's minimum support count, and a group with fewer such members than the tenant's
 * minimum group size has no value at all.
 *
 * @param level the level of {@link Statistic#SHARE_ABOVE}; unused otherwise
 */
public record GroupRule(Statistic statistic, double level) implements Serializable {
  public static final GroupRule MEAN = new GroupRule(Statistic.MEAN, 0);

  /** What a group's value is of its members' values. */
  public enum Statistic {
    MEAN,
    MEDIAN,
    SUM,
    SHARE_ABOVE
  }

  /** The group's value of its members' values; null when there are none. */
  public Double apply(List<Double> members) {
    if (members.isEmpty()) {
      return null;
    }
    double[] v = members.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return switch (statistic) {
      case MEAN -> Arrays.stream(v).average().orElseThrow();
      case MEDIAN ->
          v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
      case SUM -> Arrays.stream(v).sum();
      case SHARE_ABOVE -> Arrays.stream(v).filter(x -> x > level).count() / (double) v.length;
    };
  }
}
