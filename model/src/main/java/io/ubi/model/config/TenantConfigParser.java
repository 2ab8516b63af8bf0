package io.ubi.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.model.UbiErrors;
import io.ubi.model.Wire;
import io.ubi.model.contract.EventTypes;
import io.ubi.model.feature.Dimension;
import io.ubi.model.privacy.PrivacyPolicy;
import io.ubi.model.signal.SignalType;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one tenant's merged configuration document (the defaults with the tenant's file laid over
 * them), collecting every problem instead of stopping at the first; {@link TenantConfigs} owns the
 * files and the defaults.
 */
final class TenantConfigParser {
  private final String tenantId;
  private final JsonNode root;
  private final List<String> problems = new ArrayList<>();

  TenantConfigParser(String tenantId, JsonNode root) {
    this.tenantId = tenantId;
    this.root = root;
  }

  TenantConfig parse() {
    ConfigKeys.check(root, problems);
    int version = positiveInt("version", root.path("version"));
    Set<String> eventTypes = new LinkedHashSet<>();
    for (JsonNode t : array("enabled_event_categories")) {
      if (!EventTypes.isCanonical(t.asText())) {
        problems.add(
            "enabled_event_categories: '" + t.asText() + "' is not a canonical event type");
      }
      eventTypes.add(t.asText());
    }
    MappingRules mapping = mapping(root.path("event_mapping"));
    WorkingHours hours = workingHours(root.path("working_hours"));
    JsonNode b = root.path("baseline_algorithm");
    double alpha = number("baseline_algorithm.alpha", b.path("alpha"), 0.0, 1.0);
    BaselinePolicy baseline =
        new BaselinePolicy(
            alpha,
            positiveInt("baseline_algorithm.warmup_days", b.path("warmup_days")),
            positiveInt("baseline_algorithm.window_days", b.path("window_days")),
            number("baseline_algorithm.outlier_sigma", b.path("outlier_sigma"), 0.0, 100.0));
    AnomalyThresholds thresholds = thresholds(root.path("anomaly_thresholds"));
    int minTeam =
        positiveInt(
            "aggregation_thresholds.min_team_size",
            root.path("aggregation_thresholds").path("min_team_size"));
    if (minTeam < 5 && minTeam > 0) {
      problems.add(
          "aggregation_thresholds.min_team_size: must be at least 5 (k-anonymity), got " + minTeam);
    }
    Set<SignalType> signalTypes = EnumSet.noneOf(SignalType.class);
    for (JsonNode t : array("enabled_signal_types")) {
      Wire.parse(SignalType.class, t.asText())
          .ifPresentOrElse(
              signalTypes::add,
              () ->
                  problems.add(
                      "enabled_signal_types: '"
                          + t.asText()
                          + "' is not one of "
                          + Wire.names(SignalType.class)));
    }
    int staleMinutes = positiveInt("stale_after_minutes", root.path("stale_after_minutes"));
    int baselineHours =
        positiveInt("baselines_stale_after_hours", root.path("baselines_stale_after_hours"));
    Directory directory = Directory.parse(root.path("directory"), problems);
    FeatureSettings features = FeatureSettings.parse(root.path("feature_windows"), problems);
    SignalSwitches switches = SignalSwitches.parse(root.path("signals"), problems);
    PrivacyPolicy privacy = PrivacyPolicy.parse(root.path("privacy"), problems);
    if (!problems.isEmpty()) {
      throw UbiErrors.invalidTenantConfig(tenantId, problems);
    }
    return new TenantConfig(
        tenantId,
        version,
        eventTypes,
        mapping,
        hours,
        baseline,
        thresholds,
        minTeam,
        signalTypes,
        Duration.ofMinutes(staleMinutes),
        Duration.ofHours(baselineHours),
        directory,
        features,
        switches,
        privacy);
  }

  private MappingRules mapping(JsonNode node) {
    int version = positiveInt("event_mapping.version", node.path("version"));
    Map<String, String> aliases = new HashMap<>();
    requireObject("event_mapping.aliases", node.path("aliases"));
    node.path("aliases")
        .fields()
        .forEachRemaining(
            e -> {
              String target = e.getValue().asText();
              if (!EventTypes.isCanonical(target)) {
                problems.add(
                    "event_mapping.aliases."
                        + e.getKey()
                        + ": maps to '"
                        + target
                        + "', which is not a canonical event type");
              }
              aliases.put(e.getKey(), target);
            });
    return new MappingRules(version, aliases);
  }

  private WorkingHours workingHours(JsonNode node) {
    ZoneId zone = ZoneId.of("UTC");
    try {
      zone = ZoneId.of(node.path("time_zone").asText());
    } catch (DateTimeException e) {
      problems.add(
          "working_hours.time_zone: '"
              + node.path("time_zone").asText()
              + "' is not a time zone id such as Europe/Berlin");
    }
    int start = (int) number("working_hours.start_hour", node.path("start_hour"), 0, 23);
    int end = (int) number("working_hours.end_hour", node.path("end_hour"), 1, 24);
    if (start >= end) {
      problems.add("working_hours: start_hour must be before end_hour");
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    if (!node.path("workdays").isArray() || node.path("workdays").isEmpty()) {
      problems.add(
          "working_hours.workdays: must be a non-empty array of day names such as"
              + " MONDAY, got "
              + node.path("workdays"));
    }
    for (JsonNode d : node.path("workdays")) {
      Wire.parse(DayOfWeek.class, d.asText())
          .ifPresentOrElse(
              days::add,
              () -> problems.add("working_hours.workdays: '" + d.asText() + "' is not a day name"));
    }
    Set<LocalDate> holidays = new HashSet<>();
    JsonNode listed = node.path("holidays");
    if (!listed.isMissingNode() && !listed.isArray()) {
      problems.add("working_hours.holidays: must be an array of ISO dates, got " + listed);
    }
    for (JsonNode d : listed) {
      try {
        holidays.add(LocalDate.parse(d.asText()));
      } catch (DateTimeException e) {
        problems.add(
            "working_hours.holidays: '" + d.asText() + "' is not an ISO date such as 2025-12-25");
      }
    }
    return new WorkingHours(zone, start, end, days, holidays);
  }

  private AnomalyThresholds thresholds(JsonNode node) {
    AnomalyThresholds.Levels defaults = levels("anomaly_thresholds", node);
    Map<Dimension, AnomalyThresholds.Levels> per = new EnumMap<>(Dimension.class);
    requireObject("anomaly_thresholds.per_dimension", node.path("per_dimension"));
    node.path("per_dimension")
        .fields()
        .forEachRemaining(
            e ->
                Wire.parse(Dimension.class, e.getKey())
                    .ifPresentOrElse(
                        d ->
                            per.put(
                                d,
                                levels(
                                    "anomaly_thresholds.per_dimension." + e.getKey(),
                                    e.getValue())),
                        () ->
                            problems.add(
                                "anomaly_thresholds.per_dimension: '"
                                    + e.getKey()
                                    + "' is not one of "
                                    + Wire.names(Dimension.class))));
    double resolve =
        number(
            "anomaly_thresholds.resolve_within_sigma",
            node.path("resolve_within_sigma"),
            0.0,
            10.0);
    double hours =
        number(
            "anomaly_thresholds.resolve_after_hours",
            node.path("resolve_after_hours"),
            1.0,
            24.0 * 30);
    JsonNode autoTune = node.path("auto_tune");
    if (!autoTune.isBoolean()) {
      problems.add("anomaly_thresholds.auto_tune: must be true or false, got " + autoTune);
    }
    // Signals are assessed per day: a duration is the whole days that cover it.
    return new AnomalyThresholds(
        defaults, per, resolve, (int) Math.ceil(hours / 24.0), autoTune.asBoolean(false));
  }

  private AnomalyThresholds.Levels levels(String path, JsonNode node) {
    double warn = number(path + ".warn", node.path("warn"), 0.0, 100.0);
    double critical = number(path + ".critical", node.path("critical"), 0.0, 100.0);
    if (critical < warn) {
      problems.add(path + ": critical (" + critical + ") must not be below warn (" + warn + ")");
    }
    return new AnomalyThresholds.Levels(warn, critical);
  }

  /** A section of the wrong shape would otherwise read as empty and silently apply nothing. */
  private void requireObject(String path, JsonNode node) {
    if (!node.isObject()) {
      problems.add(path + ": must be an object, got " + node);
    }
  }

  private Iterable<JsonNode> array(String field) {
    JsonNode node = root.path(field);
    if (!node.isArray()) {
      problems.add(field + ": must be an array");
      return List.of();
    }
    return node;
  }

  private int positiveInt(String path, JsonNode node) {
    if (!node.isInt() || node.asInt() <= 0) {
      problems.add(path + ": must be a positive integer, got " + node);
      return 1;
    }
    return node.asInt();
  }

  private double number(String path, JsonNode node, double min, double max) {
    if (!node.isNumber() || node.asDouble() < min || node.asDouble() > max) {
      problems.add(path + ": must be a number in [" + min + ", " + max + "], got " + node);
      return min;
    }
    return node.asDouble();
  }
}
