package io.ubi.model.feature;

import io.ubi.model.Json;
import io.ubi.model.UbiErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The feature catalogue as data: a version, the windows every feature is computed over, and the
 * features. {@link #parse} checks all of it and reports every problem at once, each with its path
 * in the document, e.g. {@code features[3].value.ratio[0].count.types: 'commit' is not a canonical
 * event type}.
 *
 * @param version raised with every change that alters a value, so stored values name theirs
 * @param windowsDays the windows, in days, that every feature is computed over (1 is the day)
 * @param scores the dimension scores, each over features of this catalogue
 * @param signalRules the composite signal rules, over features and scores of this catalogue
 */
public record FeatureCatalogue(
    int version,
    String description,
    List<Integer> windowsDays,
    List<FeatureDefinition> features,
    List<ScoreDefinition> scores,
    List<CompositeRule> signalRules)
    implements Serializable {
  public FeatureCatalogue {
    windowsDays = List.copyOf(windowsDays);
    features = List.copyOf(features);
    scores = List.copyOf(scores);
    signalRules = List.copyOf(signalRules);
  }

  /** Reads and checks a catalogue on the classpath. */
  public static FeatureCatalogue load(String resource) {
    try (InputStream in = FeatureCatalogue.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "Feature catalogue " + resource + " is not on the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the feature catalogue " + resource, e);
    }
  }

  /** Parses and checks a catalogue document; throws with every problem found. */
  public static FeatureCatalogue parse(String json) {
    CatalogueReader reader = new CatalogueReader();
    FeatureCatalogue catalogue = reader.read(Json.parse(json));
    if (!reader.problems().isEmpty()) {
      throw UbiErrors.invalidFeatureCatalogue(reader.problems());
    }
    return catalogue;
  }
}
