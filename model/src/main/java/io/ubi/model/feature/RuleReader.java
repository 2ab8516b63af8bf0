package io.ubi.model.feature;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.model.Wire;
import io.ubi.model.feature.RuleCondition.Direction;
import io.ubi.model.signal.ActorScope;
import io.ubi.model.signal.SignalType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the catalogue's {@code signal_rules}, adding every problem with its path to a shared list.
 */
final class RuleReader {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Set<String> RULE =
      Set.of(
          "name",
          "signal_type",
          "dimension",
          "meaning",
          "intent",
          "expected_outcome",
          "sustained_days",
          "critical_after_days",
          "scopes",
          "when");
  private static final Set<String> BOUNDS =
      Set.of("above_sigma", "below_sigma", "at_least", "at_most");

  private final List<String> problems;
  private final Map<String, FeatureDefinition> features;
  private final Set<String> scores = new HashSet<>();

  RuleReader(
      List<String> problems, Map<String, FeatureDefinition> features, List<ScoreDefinition> s) {
    this.problems = problems;
    this.features = features;
    s.forEach(score -> scores.add(score.name()));
  }

  List<CompositeRule> read(JsonNode list) {
    List<CompositeRule> rules = new ArrayList<>();
    if (list.isMissingNode()) {
      return rules;
    }
    if (!list.isArray()) {
      problems.add("signal_rules: must be an array");
      return rules;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "signal_rules[" + i + "]";
      JsonNode node = list.get(i);
      known(at, node, RULE);
      String name = node.path("name").asText("");
      if (!NAME.matcher(name).matches()) {
        problems.add(at + ".name: must be snake_case, got '" + name + "'");
      } else if (!names.add(name) || features.containsKey(name)) {
        problems.add(at + ".name: '" + name + "' is already the name of a rule or feature");
      }
      SignalType type =
          Wire.parse(SignalType.class, node.path("signal_type").asText(null)).orElse(null);
      if (type == null) {
        problems.add(at + ".signal_type: must be one of " + Wire.names(SignalType.class));
      }
      Dimension dimension =
          Wire.parse(Dimension.class, node.path("dimension").asText(null)).orElse(null);
      if (dimension == null) {
        problems.add(at + ".dimension: must be one of " + Wire.names(Dimension.class));
      }
      int sustained = positive(at + ".sustained_days", node.path("sustained_days"));
      int critical =
          node.has("critical_after_days")
              ? positive(at + ".critical_after_days", node.path("critical_after_days"))
              : 2 * sustained;
      if (critical < sustained) {
        problems.add(at + ".critical_after_days: must be at least sustained_days");
      }
      RuleCondition.All when = new RuleCondition.All(conditions(at + ".when", node.path("when")));
      CompositeRule rule =
          new CompositeRule(
              name,
              type,
              dimension,
              text(at, node, "meaning"),
              text(at, node, "intent"),
              text(at, node, "expected_outcome"),
              sustained,
              critical,
              scopes(at, node.path("scopes")),
              when);
      if (!rule.features().isEmpty()) {
        FeatureDefinition primary = features.get(rule.primaryFeature());
        if (primary != null && primary.volumeOnly()) {
          problems.add(
              at
                  + ".when: the first feature, '"
                  + primary.name()
                  + "', is volume only; volume may support a rule but never trigger it");
        }
      } else if (!when.of().isEmpty()) {
        problems.add(at + ".when: must name at least one feature");
      }
      rules.add(rule);
    }
    return rules;
  }

  private List<RuleCondition> conditions(String at, JsonNode list) {
    List<RuleCondition> out = new ArrayList<>();
    if (!list.isArray() || list.isEmpty()) {
      problems.add(at + ": must be a non-empty array of conditions");
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      RuleCondition c = condition(at + "[" + i + "]", list.get(i));
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  private RuleCondition condition(String at, JsonNode node) {
    if (node.has("all") || node.has("any")) {
      known(at, node, Set.of(node.has("all") ? "all" : "any"));
      return node.has("all")
          ? new RuleCondition.All(conditions(at + ".all", node.get("all")))
          : new RuleCondition.Any(conditions(at + ".any", node.get("any")));
    }
    boolean isScore = node.has("score");
    String subject = node.path(isScore ? "score" : "feature").asText("");
    Set<String> fields = new HashSet<>(BOUNDS);
    fields.add(isScore ? "score" : "feature");
    known(at, node, fields);
    if (isScore && !scores.contains(subject)) {
      problems.add(at + ".score: '" + subject + "' is not a score of the catalogue");
    } else if (!isScore && !features.containsKey(subject)) {
      problems.add(at + ".feature: '" + subject + "' is not a feature of the catalogue");
    }
    List<String> bounds = new ArrayList<>();
    node.fieldNames()
        .forEachRemaining(
            f -> {
              if (BOUNDS.contains(f)) {
                bounds.add(f);
              }
            });
    if (bounds.size() != 1) {
      problems.add(at + ": must have exactly one of " + BOUNDS.stream().sorted().toList());
      return null;
    }
    String bound = bounds.get(0);
    JsonNode v = node.get(bound);
    Direction direction =
        bound.equals("above_sigma") || bound.equals("at_least") ? Direction.ABOVE : Direction.BELOW;
    if (bound.endsWith("_sigma")) {
      if (isScore) {
        problems.add(at + "." + bound + ": a score is bounded with at_least or at_most");
        return null;
      }
      if (v.isNumber() && v.asDouble() > 0) {
        return new RuleCondition.Deviates(
            subject, direction, new RuleCondition.Sigma(v.asDouble(), null));
      }
      if (v.isTextual() && (v.asText().equals("warn") || v.asText().equals("critical"))) {
        return new RuleCondition.Deviates(
            subject, direction, new RuleCondition.Sigma(null, v.asText()));
      }
      problems.add(
          at + "." + bound + ": must be a positive number of sigmas, \"warn\" or \"critical\"");
      return null;
    }
    if (!v.isNumber()) {
      problems.add(at + "." + bound + ": must be a number, got " + v);
      return null;
    }
    return isScore
        ? new RuleCondition.Score(subject, direction, v.asDouble())
        : new RuleCondition.Value(subject, direction, v.asDouble());
  }

  private Set<ActorScope> scopes(String at, JsonNode node) {
    if (node.isMissingNode()) {
      return EnumSet.allOf(ActorScope.class);
    }
    Set<ActorScope> out = EnumSet.noneOf(ActorScope.class);
    if (!node.isArray() || node.isEmpty()) {
      problems.add(at + ".scopes: must be a non-empty array of " + Wire.names(ActorScope.class));
      return out;
    }
    for (JsonNode s : node) {
      Wire.parse(ActorScope.class, s.asText())
          .ifPresentOrElse(
              out::add,
              () ->
                  problems.add(
                      at
                          + ".scopes: '"
                          + s.asText()
                          + "' is not one of "
                          + Wire.names(ActorScope.class)));
    }
    return out;
  }

  private int positive(String at, JsonNode n) {
    if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1) {
      problems.add(at + ": must be a whole number of days, at least 1, got " + n);
      return 1;
    }
    return n.asInt();
  }

  private String text(String at, JsonNode node, String field) {
    String s = node.path(field).asText("");
    if (s.isBlank()) {
      problems.add(at + "." + field + ": must be a non-empty string");
    }
    return s;
  }

  private void known(String at, JsonNode node, Set<String> fields) {
    CatalogueChecks.unknownKeys(problems, at, node, fields);
  }
}
