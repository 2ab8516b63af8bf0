package io.ubi.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.model.Wire;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.signal.ActorScope;
import io.ubi.model.signal.SignalType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a tenant has switched off beyond whole signal classes (PRD FR-7, FM-UBI-01): scopes (for
 * example every actor-level signal, keeping team-level ones) and single rules. A switched-off
 * signal is produced nowhere: not in gold, not on the signal topic, not in an API answer.
 *
 * @param disabledScopes scopes no signal is raised for
 * @param disabledRules rules that raise nothing: composite rules by name, a feature's anomalies by
 *     the feature's name
 * @param forbidVolumeOnly the tenant's policy forbids volume-only metrics as direct triggers (PRD
 *     FM-UBI-02): a volume-only feature then raises nothing (it is never a score input anyway)
 * @param nearRealTime the signal classes the speed layer raises as soon as the day's events tip
 *     them (PRD NFR-2: {@code "delivery": {"risk": "near_real_time"}}); the others are nightly only
 */
public record SignalSwitches(
    Set<ActorScope> disabledScopes,
    Set<String> disabledRules,
    boolean forbidVolumeOnly,
    Set<SignalType> nearRealTime)
    implements Serializable {
  private static final List<String> KNOWN =
      List.of("delivery", "disabled_rules", "disabled_scopes", "forbid_volume_only");
  private static final List<String> DELIVERIES = List.of("nightly", "near_real_time");

  public static final SignalSwitches NONE = new SignalSwitches(Set.of(), Set.of(), false, Set.of());

  public SignalSwitches {
    disabledScopes = Set.copyOf(disabledScopes);
    disabledRules = Set.copyOf(disabledRules);
    nearRealTime = Set.copyOf(nearRealTime);
  }

  public boolean allows(ActorScope scope, String rule) {
    return !disabledScopes.contains(scope)
        && !disabledRules.contains(rule)
        && !(forbidVolumeOnly
            && FeatureCatalog.byName(rule).map(f -> f.volumeOnly()).orElse(false));
  }

  /**
   * Reads {@code {"disabled_scopes": ["actor"], "disabled_rules": ["active_hours"]}}, adding each
   * problem to {@code problems} (paths under {@code signals.}).
   */
  static SignalSwitches parse(JsonNode node, List<String> problems) {
    if (node.isMissingNode() || node.isNull()) {
      return NONE;
    }
    if (!node.isObject()) {
      problems.add("signals: must be an object with disabled_scopes and disabled_rules");
      return NONE;
    }
    node.fieldNames()
        .forEachRemaining(
            f -> {
              if (!KNOWN.contains(f)) {
                problems.add("signals." + f + ": unknown field; known are " + KNOWN);
              }
            });
    Set<ActorScope> scopes = EnumSet.noneOf(ActorScope.class);
    for (JsonNode s : array(node, "disabled_scopes", problems)) {
      Wire.parse(ActorScope.class, s.asText())
          .ifPresentOrElse(
              scopes::add,
              () ->
                  problems.add(
                      "signals.disabled_scopes: '"
                          + s.asText()
                          + "' is not one of "
                          + Wire.names(ActorScope.class)));
    }
    Set<String> rules = new TreeSet<>();
    for (JsonNode r : array(node, "disabled_rules", problems)) {
      if (FeatureCatalog.byName(r.asText()).isEmpty()
          && FeatureCatalog.rule(r.asText()).isEmpty()) {
        problems.add(
            "signals.disabled_rules: '"
                + r.asText()
                + "' is not a rule: name a signal rule, or a feature for its single-feature"
                + " anomalies (see docs/features.md)");
      }
      rules.add(r.asText());
    }
    JsonNode forbid = node.path("forbid_volume_only");
    if (!forbid.isMissingNode() && !forbid.isBoolean()) {
      problems.add("signals.forbid_volume_only: must be true or false, got " + forbid);
    }
    return new SignalSwitches(
        scopes, rules, forbid.asBoolean(false), delivery(node.path("delivery"), problems));
  }

  /**
   * Reads {@code {"risk": "near_real_time", "opportunity": "nightly"}}: classes not named are
   * nightly.
   */
  private static Set<SignalType> delivery(JsonNode node, List<String> problems) {
    Set<SignalType> out = EnumSet.noneOf(SignalType.class);
    if (node.isMissingNode()) {
      return out;
    }
    if (!node.isObject()) {
      problems.add(
          "signals.delivery: must be an object of signal class to nightly or near_real_time");
      return out;
    }
    node.fields()
        .forEachRemaining(
            e -> {
              Optional<SignalType> type = Wire.parse(SignalType.class, e.getKey());
              if (type.isEmpty()) {
                problems.add(
                    "signals.delivery."
                        + e.getKey()
                        + ": not a signal class; classes are "
                        + Wire.names(SignalType.class));
              } else if (!DELIVERIES.contains(e.getValue().asText())) {
                problems.add(
                    "signals.delivery."
                        + e.getKey()
                        + ": must be one of "
                        + DELIVERIES
                        + ", got "
                        + e.getValue());
              } else if (e.getValue().asText().equals("near_real_time")) {
                out.add(type.get());
              }
            });
    return out;
  }

  private static List<JsonNode> array(JsonNode node, String field, List<String> problems) {
    JsonNode a = node.path(field);
    if (a.isMissingNode()) {
      return List.of();
    }
    if (!a.isArray()) {
      problems.add("signals." + field + ": must be an array");
      return List.of();
    }
    List<JsonNode> out = new ArrayList<>();
    a.forEach(out::add);
    return out;
  }
}
