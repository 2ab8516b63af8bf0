package io.ubi.model.feature;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.model.Wire;
import io.ubi.model.aggregate.ActiveHours;
import io.ubi.model.aggregate.Aggregator;
import io.ubi.model.aggregate.Count;
import io.ubi.model.aggregate.DistinctCount;
import io.ubi.model.aggregate.EventFilter;
import io.ubi.model.aggregate.Extreme;
import io.ubi.model.aggregate.Gaps;
import io.ubi.model.aggregate.Sum;
import io.ubi.model.contract.EventTypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a catalogue document, collecting every problem with its path instead of stopping. */
final class CatalogueReader {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Set<String> TOP =
      Set.of("version", "description", "windows_days", "features", "scores", "signal_rules");
  private static final Set<String> FEATURE =
      Set.of(
          "name",
          "dimension",
          "description",
          "unit",
          "value",
          "when_higher",
          "when_lower",
          "volume_only",
          "min_std_dev",
          "min_support",
          "group");
  private static final Set<String> LEAF =
      Set.of(
          "label",
          "types",
          "after_hours",
          "non_working_day",
          "where",
          "attribute",
          "statistic",
          "minutes",
          "idle_minutes");
  private static final int DEFAULT_IDLE_MINUTES = 240;

  private final List<String> problems = new ArrayList<>();

  List<String> problems() {
    return problems;
  }

  FeatureCatalogue read(JsonNode root) {
    if (!root.isObject()) {
      problems.add("the catalogue must be a JSON object with 'version' and 'features'");
      return null;
    }
    unknownKeys("", root, TOP);
    int version = positiveInt("version", root.path("version"));
    List<Integer> windows = new ArrayList<>();
    JsonNode w = root.path("windows_days");
    if (!w.isArray() || w.isEmpty()) {
      problems.add("windows_days: must be a non-empty array of days, e.g. [1, 7, 28]");
    } else {
      for (int i = 0; i < w.size(); i++) {
        windows.add(positiveInt("windows_days[" + i + "]", w.get(i)));
      }
    }
    List<FeatureDefinition> features = new ArrayList<>();
    JsonNode list = root.path("features");
    if (!list.isArray() || list.isEmpty()) {
      problems.add("features: must be a non-empty array");
      return null;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      FeatureDefinition f = feature("features[" + i + "]", list.get(i));
      if (f != null && !names.add(f.name())) {
        problems.add("features[" + i + "].name: '" + f.name() + "' is defined twice");
      }
      features.add(f);
    }
    String description = root.path("description").asText("");
    Map<String, FeatureDefinition> byName = new LinkedHashMap<>();
    features.stream().filter(f -> f != null).forEach(f -> byName.put(f.name(), f));
    List<ScoreDefinition> scores = new ScoreReader(problems, byName).read(root.path("scores"));
    List<CompositeRule> rules =
        new RuleReader(problems, byName, scores).read(root.path("signal_rules"));
    return problems.isEmpty()
        ? new FeatureCatalogue(version, description, windows, features, scores, rules)
        : null;
  }

  private FeatureDefinition feature(String path, JsonNode node) {
    if (!node.isObject()) {
      problems.add(path + ": must be an object");
      return null;
    }
    unknownKeys(path, node, FEATURE);
    String name = node.path("name").asText("");
    if (!NAME.matcher(name).matches()) {
      problems.add(path + ".name: must be snake_case, got '" + name + "'");
    }
    String where = path + " (" + name + ")";
    Dimension dimension =
        Wire.parse(Dimension.class, node.path("dimension").asText(null)).orElse(null);
    if (dimension == null) {
      problems.add(where + ".dimension: must be one of " + Wire.names(Dimension.class));
    }
    String description = text(where + ".description", node.path("description"));
    String unit = text(where + ".unit", node.path("unit"));
    Expr value = expr(where + ".value", node.path("value"), new HashSet<>());
    SignalRule higher = rule(where + ".when_higher", node.get("when_higher"));
    SignalRule lower = rule(where + ".when_lower", node.get("when_lower"));
    double minStdDev = number(where + ".min_std_dev", node.path("min_std_dev"), true);
    double minSupport =
        node.has("min_support")
            ? number(where + ".min_support", node.path("min_support"), false)
            : 0;
    if (node.has("min_support") && value != null && !(value instanceof Expr.Ratio)) {
      problems.add(
          where
              + ".min_support: applies to a ratio's denominator; a plain value is"
              + " its own evidence");
    }
    JsonNode volume = node.path("volume_only");
    if (!volume.isMissingNode() && !volume.isBoolean()) {
      problems.add(where + ".volume_only: must be true or false");
    }
    return new FeatureDefinition(
        name,
        dimension,
        description,
        unit,
        value,
        higher,
        lower,
        volume.asBoolean(false),
        minStdDev,
        minSupport,
        group(where + ".group", node.get("group")));
  }

  /** {@code {"statistic": "mean"}}, or {@code {"statistic": "share_above", "level": 0.3}}. */
  private GroupRule group(String path, JsonNode node) {
    if (node == null) {
      return GroupRule.MEAN;
    }
    GroupRule.Statistic statistic =
        Wire.parse(GroupRule.Statistic.class, node.path("statistic").asText(null)).orElse(null);
    if (statistic == null) {
      problems.add(path + ".statistic: must be one of " + Wire.names(GroupRule.Statistic.class));
      return GroupRule.MEAN;
    }
    boolean needsLevel = statistic == GroupRule.Statistic.SHARE_ABOVE;
    if (needsLevel != node.has("level") || (needsLevel && !node.path("level").isNumber())) {
      problems.add(
          path
              + ".level: "
              + (needsLevel
                  ? "share_above needs a numeric level"
                  : "only share_above takes a level"));
    }
    return new GroupRule(statistic, node.path("level").asDouble(0));
  }

  private Expr expr(String path, JsonNode node, Set<String> labels) {
    if (!node.isObject() || node.size() != 1) {
      problems.add(
          path
              + ": must be an object with one of ratio, count, sum, min, max,"
              + " distinct, active_hours, gaps");
      return null;
    }
    Map.Entry<String, JsonNode> only = node.fields().next();
    String kind = only.getKey();
    String at = path + "." + kind;
    if (kind.equals("ratio")) {
      JsonNode parts = only.getValue();
      if (!parts.isArray() || parts.size() != 2) {
        problems.add(at + ": must be [numerator, denominator]");
        return null;
      }
      return new Expr.Ratio(
          expr(at + "[0]", parts.get(0), labels), expr(at + "[1]", parts.get(1), labels));
    }
    JsonNode leaf = only.getValue();
    if (!leaf.isObject()) {
      problems.add(at + ": must be an object");
      return null;
    }
    unknownKeys(at, leaf, LEAF);
    String label = leaf.path("label").asText("");
    if (!NAME.matcher(label).matches()) {
      problems.add(at + ".label: must be snake_case, got '" + label + "'");
    } else if (!labels.add(label)) {
      problems.add(at + ".label: '" + label + "' is used twice in this feature");
    }
    Aggregator<?> aggregator = aggregator(at, kind, leaf, filter(at, leaf));
    return aggregator == null ? null : new Expr.Leaf(label, aggregator);
  }

  private Aggregator<?> aggregator(String at, String kind, JsonNode leaf, EventFilter filter) {
    return switch (kind) {
      case "count" -> new Count(filter);
      case "active_hours" -> new ActiveHours(filter);
      case "sum" -> new Sum(filter, attribute(at, leaf));
      case "min" -> Extreme.min(filter, attribute(at, leaf));
      case "max" -> Extreme.max(filter, attribute(at, leaf));
      case "distinct" -> new DistinctCount(filter, attribute(at, leaf));
      case "gaps" -> gaps(at, leaf, filter);
      default -> {
        problems.add(
            at
                + ": unknown kind '"
                + kind
                + "'; use one of ratio, count, sum, min,"
                + " max, distinct, active_hours, gaps");
        yield null;
      }
    };
  }

  private Gaps gaps(String at, JsonNode leaf, EventFilter filter) {
    Gaps.Statistic statistic =
        Wire.parse(Gaps.Statistic.class, leaf.path("statistic").asText(null)).orElse(null);
    if (statistic == null) {
      problems.add(at + ".statistic: must be one of " + Wire.names(Gaps.Statistic.class));
      return null;
    }
    int minutes = leaf.has("minutes") ? positiveInt(at + ".minutes", leaf.path("minutes")) : 0;
    int idle =
        leaf.has("idle_minutes")
            ? positiveInt(at + ".idle_minutes", leaf.path("idle_minutes"))
            : DEFAULT_IDLE_MINUTES;
    return idle > 0 ? new Gaps(filter, statistic, minutes, idle) : null;
  }

  private EventFilter filter(String at, JsonNode leaf) {
    Set<String> types = new LinkedHashSet<>();
    JsonNode t = leaf.path("types");
    if (!t.isMissingNode()) {
      if (!t.isArray() || t.isEmpty()) {
        problems.add(at + ".types: must be a non-empty array of canonical event types");
      } else {
        for (JsonNode type : t) {
          if (!EventTypes.isKnown(type.asText())) {
            problems.add(
                at
                    + ".types: '"
                    + type.asText()
                    + "' is neither a canonical nor a"
                    + " derived event type");
          }
          types.add(type.asText());
        }
      }
    }
    Map<String, String> where = new LinkedHashMap<>();
    JsonNode w = leaf.path("where");
    if (!w.isMissingNode()) {
      if (!w.isObject()) {
        problems.add(at + ".where: must be an object of attribute: value");
      } else {
        w.fields()
            .forEachRemaining(
                e -> {
                  declared(at + ".where", e.getKey());
                  where.put(e.getKey(), e.getValue().asText());
                });
      }
    }
    return new EventFilter(
        types,
        leaf.path("after_hours").asBoolean(false),
        leaf.path("non_working_day").asBoolean(false),
        where);
  }

  private String attribute(String at, JsonNode leaf) {
    String attribute = leaf.path("attribute").asText("");
    declared(at + ".attribute", attribute);
    return attribute;
  }

  private void declared(String at, String attribute) {
    if (!EventTypes.taxonomy().attributes().containsKey(attribute)) {
      problems.add(
          at
              + ": '"
              + attribute
              + "' is not an attribute of the event taxonomy; known"
              + " are "
              + EventTypes.taxonomy().attributes().keySet());
    }
  }

  private SignalRule rule(String path, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    unknownKeys(path, node, Set.of("meaning", "intent"));
    return new SignalRule(
        text(path + ".meaning", node.path("meaning")), text(path + ".intent", node.path("intent")));
  }

  private void unknownKeys(String path, JsonNode node, Set<String> known) {
    CatalogueChecks.unknownKeys(problems, path, node, known);
  }

  private String text(String path, JsonNode node) {
    if (!node.isTextual() || node.asText().isBlank()) {
      problems.add(path + ": must be a non-empty string");
      return "";
    }
    return node.asText();
  }

  private int positiveInt(String path, JsonNode node) {
    if (!node.isInt() || node.asInt() <= 0) {
      problems.add(path + ": must be a positive integer, got " + node);
      return 0;
    }
    return node.asInt();
  }

  private double number(String path, JsonNode node, boolean positive) {
    if (!node.isNumber() || node.asDouble() < 0 || (positive && node.asDouble() == 0)) {
      problems.add(
          path
              + ": must be a "
              + (positive ? "positive" : "non-negative")
              + " number, got "
              + node);
      return 0;
    }
    return node.asDouble();
  }
}
