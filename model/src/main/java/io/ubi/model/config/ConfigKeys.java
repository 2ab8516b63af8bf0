package io.ubi.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys a tenant's settings may hold, section by section (the sections with their own readers,
 * {@code feature_windows}, {@code signals}, {@code privacy} and {@code directory}, check theirs): a
 * key that is not one is a typo or a setting this version does not have, named rather than silently
 * ignored.
 */
final class ConfigKeys {
  /** Every key of a tenant's settings, by section: anything else is a mistake to name. */
  private static final Map<String, Set<String>> KNOWN =
      Map.of(
          "",
          Set.of(
              "version",
              "enabled_event_categories",
              "event_mapping",
              "working_hours",
              "baseline_algorithm",
              "anomaly_thresholds",
              "aggregation_thresholds",
              "enabled_signal_types",
              "stale_after_minutes",
              "baselines_stale_after_hours",
              "directory",
              "feature_windows",
              "signals",
              "privacy"),
          "event_mapping",
          Set.of("version", "aliases"),
          "working_hours",
          Set.of("time_zone", "start_hour", "end_hour", "workdays", "holidays"),
          "baseline_algorithm",
          Set.of("alpha", "warmup_days", "window_days", "outlier_sigma"),
          "anomaly_thresholds",
          Set.of(
              "warn",
              "critical",
              "resolve_within_sigma",
              "resolve_after_hours",
              "per_dimension",
              "auto_tune"),
          "aggregation_thresholds",
          Set.of("min_team_size"));

  private ConfigKeys() {}

  /** Adds a problem for each unknown key of {@code root} and of its known sections. */
  static void check(JsonNode root, List<String> problems) {
    KNOWN.forEach(
        (section, keys) -> {
          JsonNode node = section.isEmpty() ? root : root.path(section);
          node.fieldNames()
              .forEachRemaining(
                  f -> {
                    if (!keys.contains(f)) {
                      problems.add(
                          (section.isEmpty() ? "" : section + ".")
                              + f
                              + ": unknown field; known are "
                              + new TreeSet<>(keys));
                    }
                  });
        });
  }
}
