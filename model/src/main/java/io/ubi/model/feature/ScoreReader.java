package io.ubi.model.feature;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.model.Wire;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the catalogue's {@code scores}, adding every problem with its path to a shared list. */
final class ScoreReader {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Set<String> SCORE = Set.of("name", "dimension", "description", "inputs");
  private static final Set<String> INPUT = Set.of("feature", "weight", "better");

  private final List<String> problems;
  private final Map<String, FeatureDefinition> features;

  ScoreReader(List<String> problems, Map<String, FeatureDefinition> features) {
    this.problems = problems;
    this.features = features;
  }

  List<ScoreDefinition> read(JsonNode list) {
    List<ScoreDefinition> scores = new ArrayList<>();
    if (list.isMissingNode()) {
      return scores;
    }
    if (!list.isArray()) {
      problems.add("scores: must be an array");
      return scores;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "scores[" + i + "]";
      JsonNode node = list.get(i);
      known(at, node, SCORE);
      String name = node.path("name").asText("");
      if (!NAME.matcher(name).matches()) {
        problems.add(at + ".name: must be snake_case, got '" + name + "'");
      } else if (!names.add(name)) {
        problems.add(at + ".name: '" + name + "' is defined twice");
      }
      Dimension dimension =
          Wire.parse(Dimension.class, node.path("dimension").asText(null)).orElse(null);
      if (dimension == null) {
        problems.add(at + ".dimension: must be one of " + Wire.names(Dimension.class));
      }
      String description = node.path("description").asText("");
      if (description.isBlank()) {
        problems.add(at + ".description: must be a non-empty string");
      }
      scores.add(new ScoreDefinition(name, dimension, description, inputs(at, node)));
    }
    return scores;
  }

  private List<ScoreDefinition.Input> inputs(String at, JsonNode node) {
    List<ScoreDefinition.Input> inputs = new ArrayList<>();
    JsonNode list = node.path("inputs");
    if (!list.isArray() || list.isEmpty()) {
      problems.add(at + ".inputs: must be a non-empty array of {feature, weight, better}");
      return inputs;
    }
    for (int j = 0; j < list.size(); j++) {
      String in = at + ".inputs[" + j + "]";
      JsonNode i = list.get(j);
      known(in, i, INPUT);
      String feature = i.path("feature").asText("");
      FeatureDefinition f = features.get(feature);
      if (f == null) {
        problems.add(in + ".feature: '" + feature + "' is not a feature of the catalogue");
      } else if (f.volumeOnly()) {
        problems.add(
            in + ".feature: '" + feature + "' is volume only, and volume is never a score input");
      }
      double weight = i.path("weight").asDouble(0);
      if (!i.path("weight").isNumber() || weight <= 0) {
        problems.add(in + ".weight: must be a positive number, got " + i.path("weight"));
      }
      ScoreDefinition.Better better =
          Wire.parse(ScoreDefinition.Better.class, i.path("better").asText(null)).orElse(null);
      if (better == null) {
        problems.add(in + ".better: must be one of " + Wire.names(ScoreDefinition.Better.class));
      }
      inputs.add(new ScoreDefinition.Input(feature, weight, better));
    }
    return inputs;
  }

  private void known(String at, JsonNode node, Set<String> fields) {
    CatalogueChecks.unknownKeys(problems, at, node, fields);
  }
}
