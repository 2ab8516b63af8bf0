package io.ubi.model.feature;

import static io.ubi.model.feature.Aggregation.Count;
import static io.ubi.model.feature.Aggregation.DistinctHours;
import static io.ubi.model.feature.Aggregation.Ratio;

import io.ubi.model.signal.SignalType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every feature UBI computes. Adding one here adds it to both layers, the tables and the API. */
public final class FeatureCatalog {
  public static final FeatureDefinition CONTEXT_SWITCHES_PER_HOUR =
      new FeatureDefinition(
          "context_switches_per_hour",
          Dimension.FLOW,
          "Context switches per active hour",
          "switches/hour",
          new Ratio(
              new Count("context_switches", EventFilter.of("context_switch")),
              new DistinctHours("active_hours", EventFilter.all())),
          new SignalRule(
              SignalType.RISK,
              "frequent context switching fragments focus time",
              "suggest a focus block or fewer parallel tickets"),
          null,
          false,
          0.25);

  public static final FeatureDefinition AFTER_HOURS_SHARE =
      new FeatureDefinition(
          "after_hours_share",
          Dimension.ACTIVITY,
          "Share of the day's events outside the tenant's working hours",
          "ratio",
          new Ratio(
              new Count("after_hours_events", EventFilter.all().afterHours()),
              new Count("events", EventFilter.all())),
          new SignalRule(
              SignalType.RISK,
              "sustained out-of-hours work is associated with burnout risk",
              "nudge towards sustainable hours; raise workload with the team lead in aggregate"),
          null,
          false,
          0.05);

  public static final FeatureDefinition FAILED_BUILDS =
      new FeatureDefinition(
          "failed_builds",
          Dimension.ACTIVITY,
          "Failed builds and test runs in the day",
          "count",
          new Count("failed_builds", EventFilter.of("build_failed", "test_failed")),
          new SignalRule(
              SignalType.RISK,
              "repeated failed builds suggest a rework loop",
              "offer pair-work support or a pointer to the failing pipeline's owners"),
          null,
          false,
          1.0);

  public static final FeatureDefinition PR_REVIEWS_GIVEN =
      new FeatureDefinition(
          "pr_reviews_given",
          Dimension.COLLABORATION,
          "Pull-request reviews given in the day",
          "count",
          new Count("pr_reviews", EventFilter.of("pr_reviewed")),
          new SignalRule(
              SignalType.OPPORTUNITY,
              "supports others through reviews well above their norm: high mentoring potential",
              "recognise the reviewing load; consider a mentoring pairing"),
          null,
          false,
          1.0);

  public static final FeatureDefinition LLM_REQUESTS_PER_COMMIT =
      new FeatureDefinition(
          "llm_requests_per_commit",
          Dimension.AGENT_USAGE,
          "LLM requests per commit created",
          "requests/commit",
          new Ratio(
              new Count("llm_requests", EventFilter.of("llm_request_submitted")),
              new Count("commits", EventFilter.of("commit_created"))),
          new SignalRule(
              SignalType.OPPORTUNITY,
              "many LLM requests per landed change: agent usage could be optimised",
              "suggest prompt patterns or agent workflows that land changes with fewer retries"),
          null,
          false,
          1.0);

  public static final FeatureDefinition ACTIVE_HOURS =
      new FeatureDefinition(
          "active_hours",
          Dimension.ACTIVITY,
          "Distinct clock hours with any activity",
          "hours",
          new DistinctHours("active_hours", EventFilter.all()),
          null,
          new SignalRule(
              SignalType.INFORMATIONAL,
              "a sudden drop in activity against the actor's norm",
              "no action on its own; context for other signals"),
          false,
          1.0);

  private static final Map<String, FeatureDefinition> BY_NAME = new LinkedHashMap<>();

  static {
    for (FeatureDefinition f : List.of(CONTEXT_SWITCHES_PER_HOUR, AFTER_HOURS_SHARE, FAILED_BUILDS,
        PR_REVIEWS_GIVEN, LLM_REQUESTS_PER_COMMIT, ACTIVE_HOURS)) {
      BY_NAME.put(f.name(), f);
    }
  }

  private FeatureCatalog() {}

  public static List<FeatureDefinition> all() {
    return List.copyOf(BY_NAME.values());
  }

  public static Optional<FeatureDefinition> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
