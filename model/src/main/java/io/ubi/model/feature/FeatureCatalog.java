package io.ubi.model.feature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every feature UBI computes, read once from the catalogue resource ({@value #RESOURCE}) and
 * validated as it is read. Adding a feature there adds it to both layers, the tables, the API and
 * the generated {@code docs/features.md}.
 */
public final class FeatureCatalog {
  public static final String RESOURCE = "/io/ubi/model/feature/catalogue.json";

  private static final FeatureCatalogue CATALOGUE = FeatureCatalogue.load(RESOURCE);
  private static final Map<String, FeatureDefinition> BY_NAME = new LinkedHashMap<>();

  static {
    for (FeatureDefinition f : CATALOGUE.features()) {
      BY_NAME.put(f.name(), f);
    }
  }

  public static final FeatureDefinition CONTEXT_SWITCHES_PER_HOUR =
      require("context_switches_per_hour");
  public static final FeatureDefinition AFTER_HOURS_SHARE = require("after_hours_share");
  public static final FeatureDefinition FAILED_BUILDS = require("failed_builds");
  public static final FeatureDefinition PR_REVIEWS_GIVEN = require("pr_reviews_given");
  public static final FeatureDefinition LLM_REQUESTS_PER_COMMIT =
      require("llm_requests_per_commit");
  public static final FeatureDefinition ACTIVE_HOURS = require("active_hours");

  private FeatureCatalog() {}

  /** The catalogue as read, with its version and windows. */
  public static FeatureCatalogue catalogue() {
    return CATALOGUE;
  }

  /** The dimension scores, in catalogue order. */
  public static List<ScoreDefinition> scores() {
    return CATALOGUE.scores();
  }

  /** The composite signal rules, in catalogue order. */
  public static List<CompositeRule> signalRules() {
    return CATALOGUE.signalRules();
  }

  /** A composite rule by name. */
  public static Optional<CompositeRule> rule(String name) {
    return CATALOGUE.signalRules().stream().filter(r -> r.name().equals(name)).findFirst();
  }

  public static List<FeatureDefinition> all() {
    return List.copyOf(BY_NAME.values());
  }

  public static Optional<FeatureDefinition> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  private static FeatureDefinition require(String name) {
    return byName(name)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "The feature catalogue " + RESOURCE + " has no feature '" + name + "'"));
  }
}
