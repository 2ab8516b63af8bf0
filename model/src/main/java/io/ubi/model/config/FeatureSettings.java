package io.ubi.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.model.feature.Expr;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.feature.FeatureDefinition;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A tenant's choices over the feature catalogue (PRD FR-2: tenant-configurable thresholds and
 * windows): which multi-day windows it wants, and a minimum support of its own for any ratio
 * feature. What a tenant leaves out is the catalogue's.
 *
 * @param windowsDays the windows computed, in days (1, the day itself, always is)
 * @param minSupport a ratio feature's minimum denominator, by feature name, where the tenant
 *     overrides the catalogue's
 */
public record FeatureSettings(List<Integer> windowsDays, Map<String, Double> minSupport)
    implements Serializable {
  /** The longest window a tenant may ask for: the default baseline history. */
  static final int MAX_WINDOW_DAYS = 90;

  public FeatureSettings {
    windowsDays = List.copyOf(new TreeSet<>(windowsDays));
    minSupport = Map.copyOf(minSupport);
  }

  /** The catalogue's windows and minimum supports. */
  public static FeatureSettings catalogue() {
    return new FeatureSettings(FeatureCatalog.catalogue().windowsDays(), Map.of());
  }

  /** The minimum support this tenant requires of {@code feature}'s value. */
  public double minSupport(FeatureDefinition feature) {
    return minSupport.getOrDefault(feature.name(), feature.minSupport());
  }

  /**
   * Reads {@code {"windows_days": [1, 7, 28], "min_support": {"after_hours_share": 20}}}, adding
   * each problem to {@code problems} (paths under {@code feature_windows.}).
   */
  static FeatureSettings parse(JsonNode node, List<String> problems) {
    if (node.isMissingNode() || node.isNull()) {
      return catalogue();
    }
    if (!node.isObject()) {
      problems.add("feature_windows: must be an object with windows_days and min_support");
      return catalogue();
    }
    node.fieldNames()
        .forEachRemaining(
            f -> {
              if (!f.equals("windows_days") && !f.equals("min_support")) {
                problems.add(
                    "feature_windows."
                        + f
                        + ": unknown field; known are [min_support, windows_days]");
              }
            });
    List<Integer> windows = new ArrayList<>(FeatureCatalog.catalogue().windowsDays());
    JsonNode w = node.path("windows_days");
    if (!w.isMissingNode()) {
      windows.clear();
      if (!w.isArray() || w.isEmpty()) {
        problems.add(
            "feature_windows.windows_days: must be a non-empty array of days, e.g. [1, 7, 28]");
      }
      for (JsonNode d : w) {
        if (!d.isInt() || d.asInt() < 1 || d.asInt() > MAX_WINDOW_DAYS) {
          problems.add(
              "feature_windows.windows_days: each must be a whole number of days from 1 to "
                  + MAX_WINDOW_DAYS
                  + ", got "
                  + d);
        } else {
          windows.add(d.asInt());
        }
      }
    }
    windows.add(1);
    return new FeatureSettings(windows, minSupport(node.path("min_support"), problems));
  }

  private static Map<String, Double> minSupport(JsonNode node, List<String> problems) {
    Map<String, Double> out = new TreeMap<>();
    if (node.isMissingNode()) {
      return out;
    }
    if (!node.isObject()) {
      problems.add("feature_windows.min_support: must be an object of feature name: minimum");
      return out;
    }
    node.fields()
        .forEachRemaining(
            e -> {
              String at = "feature_windows.min_support." + e.getKey();
              FeatureDefinition f = FeatureCatalog.byName(e.getKey()).orElse(null);
              if (f == null) {
                problems.add(at + ": not a feature of the catalogue (see docs/features.md)");
              } else if (!(f.value() instanceof Expr.Ratio)) {
                problems.add(
                    at + ": applies to a ratio's denominator, and " + f.name() + " is not a ratio");
              } else if (!e.getValue().isNumber() || e.getValue().asDouble() < 0) {
                problems.add(at + ": must be a non-negative number, got " + e.getValue());
              } else {
                out.put(e.getKey(), e.getValue().asDouble());
              }
            });
    return out;
  }
}
