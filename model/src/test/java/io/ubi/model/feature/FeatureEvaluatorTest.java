package io.ubi.model.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ubi.model.Json;
import io.ubi.model.aggregate.EventView;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.config.WorkingHours;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every catalogue feature over a small hand-made day of events, against hand-computed values. */
class FeatureEvaluatorTest {
  /** The tenant works 09:00-18:00 Monday to Friday in New York (UTC-5 in early March 2026). */
  private static final WorkingHours NEW_YORK =
      TenantConfigs.parse(
              "acme", Json.parse("{\"working_hours\": {\"time_zone\": \"America/New_York\"}}"))
          .workingHours();

  /** An event on Monday 2 March 2026 at the given UTC time. */
  private static EventView monday(String type, String utcTime) {
    return at(type, "2026-03-02T" + utcTime + "Z");
  }

  private static EventView at(String type, String instant) {
    return NEW_YORK.view(type, Instant.parse(instant), Map.of());
  }

  /** An event on Monday 2 March 2026 with attributes, given as name, value pairs. */
  private static EventView monday(String type, String utcTime, String... attributes) {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i < attributes.length; i += 2) {
      a.put(attributes[i], attributes[i + 1]);
    }
    return NEW_YORK.view(type, Instant.parse("2026-03-02T" + utcTime + "Z"), a);
  }

  private static Map<String, Double> inputs(Object... labelsAndValues) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < labelsAndValues.length; i += 2) {
      m.put((String) labelsAndValues[i], ((Number) labelsAndValues[i + 1]).doubleValue());
    }
    return m;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "context_switches_per_hour",
            "4 switches over 3 active hours",
            List.of(
                monday("context_switch", "09:05:00"),
                monday("file_edited", "09:20:00"),
                monday("context_switch", "09:40:00"),
                monday("context_switch", "10:10:00"),
                monday("context_switch", "11:30:00"),
                monday("file_edited", "11:59:59")),
            4.0 / 3,
            inputs("context_switches", 4, "active_hours", 3)),
        Arguments.of(
            "after_hours_share",
            "3 of 6 outside 09-18 New York time on a Monday",
            List.of(
                monday("file_edited", "13:59:00"), // 08:59 NY: before the day starts
                monday("file_edited", "14:00:00"), // 09:00 NY: start is inclusive
                monday("build_failed", "18:30:00"), // 13:30 NY
                monday("commit_created", "22:59:00"), // 17:59 NY
                monday("commit_pushed", "23:00:00"), // 18:00 NY: end is exclusive
                monday("file_edited", "04:30:00")), // Sunday 23:30 NY: not a working day
            0.5,
            inputs("after_hours_events", 3, "events", 6)),
        Arguments.of(
            "after_hours_share",
            "everything on a Saturday is after hours",
            List.of(
                at("file_edited", "2026-03-07T15:00:00Z"),
                at("pr_reviewed", "2026-03-07T16:00:00Z")),
            1.0,
            inputs("after_hours_events", 2, "events", 2)),
        Arguments.of(
            "failed_builds",
            "build and test failures count, successes do not",
            List.of(
                monday("build_failed", "10:00:00"),
                monday("build_succeeded", "10:05:00"),
                monday("test_failed", "10:10:00"),
                monday("build_failed", "15:00:00"),
                monday("test_passed", "15:05:00")),
            3.0,
            inputs("failed_builds", 3)),
        Arguments.of(
            "pr_reviews_given",
            "only reviews count",
            List.of(
                monday("pr_reviewed", "10:00:00"),
                monday("pr_created", "11:00:00"),
                monday("pr_reviewed", "16:00:00"),
                monday("pr_merged", "17:00:00")),
            2.0,
            inputs("pr_reviews", 2)),
        Arguments.of(
            "llm_requests_per_commit",
            "5 submitted requests for 2 created commits",
            List.of(
                monday("llm_request_submitted", "10:00:00"),
                monday("llm_request_completed", "10:00:05"),
                monday("llm_request_submitted", "10:01:00"),
                monday("llm_request_submitted", "10:02:00"),
                monday("commit_created", "10:30:00"),
                monday("llm_request_submitted", "11:00:00"),
                monday("llm_request_failed", "11:00:03"),
                monday("llm_request_submitted", "11:05:00"),
                monday("commit_created", "11:45:00"),
                monday("commit_pushed", "11:46:00")),
            2.5,
            inputs("llm_requests", 5, "commits", 2)),
        Arguments.of(
            "llm_requests_per_commit",
            "no commit: undefined, inputs still reported",
            List.of(
                monday("llm_request_submitted", "10:00:00"), monday("commit_pushed", "10:30:00")),
            null,
            inputs("llm_requests", 1, "commits", 0)),
        Arguments.of(
            "active_hours",
            "distinct clock hours with any event",
            List.of(
                monday("file_edited", "09:05:00"),
                monday("commit_created", "09:55:00"),
                monday("file_edited", "10:00:00"),
                monday("pr_reviewed", "13:30:00"),
                monday("pr_reviewed", "13:31:00")),
            3.0,
            inputs("active_hours", 3)),
        Arguments.of(
            "context_switches_per_hour",
            "no events: undefined",
            List.of(),
            null,
            inputs("context_switches", 0, "active_hours", 0)),
        Arguments.of(
            "failed_builds", "no events: zero", List.of(), 0.0, inputs("failed_builds", 0)),
        Arguments.of(
            "events",
            "every event counts",
            List.of(
                monday("file_edited", "10:00:00"),
                monday("pr_created", "11:00:00"),
                monday("build_failed", "12:00:00")),
            3.0,
            inputs("events", 3)),
        Arguments.of(
            "commits_created",
            "commits, not edits",
            List.of(
                monday("commit_created", "10:00:00"),
                monday("commit_created", "10:05:00"),
                monday("file_edited", "10:06:00")),
            2.0,
            inputs("commits", 2)),
        Arguments.of(
            "commits_pushed",
            "pushes",
            List.of(monday("commit_pushed", "10:00:00"), monday("commit_created", "10:05:00")),
            1.0,
            inputs("pushes", 1)),
        Arguments.of(
            "builds_run",
            "failed and succeeded builds, not tests",
            List.of(
                monday("build_failed", "10:00:00"),
                monday("build_succeeded", "10:10:00"),
                monday("build_succeeded", "10:20:00"),
                monday("test_failed", "10:30:00")),
            3.0,
            inputs("builds", 3)),
        Arguments.of(
            "build_failure_rate",
            "2 of 4 builds failed",
            List.of(
                monday("build_failed", "10:00:00"),
                monday("build_succeeded", "10:10:00"),
                monday("build_succeeded", "10:20:00"),
                monday("build_failed", "10:30:00")),
            0.5,
            inputs("failed_builds", 2, "builds", 4)),
        Arguments.of(
            "test_runs",
            "failed and passed test runs",
            List.of(
                monday("test_failed", "10:00:00"),
                monday("test_passed", "10:10:00"),
                monday("build_failed", "10:20:00")),
            2.0,
            inputs("test_runs", 2)),
        Arguments.of(
            "test_failure_rate",
            "1 of 3 test runs failed",
            List.of(
                monday("test_failed", "10:00:00"),
                monday("test_passed", "10:10:00"),
                monday("test_passed", "10:20:00")),
            1.0 / 3,
            inputs("failed_tests", 1, "test_runs", 3)),
        Arguments.of(
            "prs_created",
            "opened pull requests",
            List.of(monday("pr_created", "10:00:00"), monday("pr_merged", "11:00:00")),
            1.0,
            inputs("prs", 1)),
        Arguments.of(
            "prs_merged",
            "merged pull requests",
            List.of(monday("pr_merged", "10:00:00"), monday("pr_created", "11:00:00")),
            1.0,
            inputs("merged", 1)),
        Arguments.of(
            "pr_revisions",
            "revisions pushed to open pull requests",
            List.of(
                monday("pr_revised", "10:00:00"),
                monday("pr_revised", "12:00:00"),
                monday("pr_created", "11:00:00")),
            2.0,
            inputs("revisions", 2)),
        Arguments.of(
            "focus_session_length_avg",
            "sessions of 45 and 30 min; 345 min is time away",
            List.of(
                monday("context_switch", "14:00:00"),
                monday("context_switch", "14:45:00"),
                monday("context_switch", "15:15:00"),
                monday("file_edited", "15:20:00"),
                monday("context_switch", "21:00:00")),
            37.5,
            inputs("focus_minutes", 37.5)),
        Arguments.of(
            "long_focus_sessions",
            "90 and 80 minutes are long, 10 is not",
            List.of(
                monday("context_switch", "14:00:00"),
                monday("context_switch", "15:30:00"),
                monday("context_switch", "15:40:00"),
                monday("context_switch", "17:00:00")),
            2.0,
            inputs("long_sessions", 2)),
        Arguments.of(
            "llm_failure_rate",
            "1 of 4 requests failed",
            List.of(
                monday("llm_request_submitted", "10:00:00"),
                monday("llm_request_submitted", "10:01:00"),
                monday("llm_request_submitted", "10:02:00"),
                monday("llm_request_submitted", "10:03:00"),
                monday("llm_request_failed", "10:04:00")),
            0.25,
            inputs("failed_requests", 1, "requests", 4)),
        Arguments.of(
            "override_attempts",
            "two attempts",
            List.of(
                monday("override_attempted", "10:00:00"),
                monday("override_attempted", "12:00:00"),
                monday("gate_evaluated", "12:01:00")),
            2.0,
            inputs("overrides", 2)),
        Arguments.of(
            "non_working_day_share",
            "1 of 4 events on a Saturday",
            List.of(
                monday("file_edited", "15:00:00"),
                monday("file_edited", "16:00:00"),
                monday("commit_created", "17:00:00"),
                at("file_edited", "2026-03-07T15:00:00Z")),
            0.25,
            inputs("non_working_day_events", 1, "events", 4)),
        Arguments.of(
            "work_items_touched",
            "two tickets; an event without one adds none",
            List.of(
                monday("file_edited", "15:00:00", "work_item", "tk_a"),
                monday("commit_created", "15:10:00", "work_item", "tk_b"),
                monday("file_edited", "15:20:00", "work_item", "tk_a"),
                monday("file_edited", "15:30:00")),
            2.0,
            inputs("work_items", 2)),
        Arguments.of(
            "work_items_completed_share",
            "1 of 4 touched tickets completed",
            List.of(
                monday("work_item_started", "15:00:00", "work_item", "tk_a"),
                monday("file_edited", "15:10:00", "work_item", "tk_b"),
                monday("file_edited", "15:20:00", "work_item", "tk_c"),
                monday("work_item_completed", "15:30:00", "work_item", "tk_b"),
                monday("context_switch", "15:40:00", "work_item", "tk_d")),
            0.25,
            inputs("completed", 1, "touched", 4)),
        Arguments.of(
            "explicit_focus_minutes",
            "ended sessions' durations; a start adds none",
            List.of(
                monday("focus_session_started", "15:00:00", "duration_minutes", "99"),
                monday("focus_session_ended", "15:50:00", "duration_minutes", "50"),
                monday("focus_session_ended", "17:00:00", "duration_minutes", "25.5"),
                monday("focus_session_ended", "18:00:00")),
            75.5,
            inputs("focus_minutes", 75.5)),
        Arguments.of(
            "colleagues_reviewed",
            "reviews of two authors; a comment is no review",
            List.of(
                monday("pr_reviewed", "15:00:00", "counterpart", "ps_a"),
                monday("pr_reviewed", "15:10:00", "counterpart", "ps_a"),
                monday("pr_reviewed", "15:20:00", "counterpart", "ps_b"),
                monday("review_comment_added", "15:30:00", "counterpart", "ps_c")),
            2.0,
            inputs("authors", 2)),
        Arguments.of(
            "reviewed_by_colleagues",
            "reviews received from two colleagues",
            List.of(
                monday("pr_review_received", "15:00:00", "counterpart", "ps_x"),
                monday("pr_review_received", "15:10:00", "counterpart", "ps_y"),
                monday("pr_reviewed", "15:20:00", "counterpart", "ps_z")),
            2.0,
            inputs("reviewers", 2)),
        Arguments.of(
            "review_comments",
            "comments, not reviews",
            List.of(
                monday("review_comment_added", "15:00:00"),
                monday("review_comment_added", "15:05:00"),
                monday("review_comment_added", "15:10:00"),
                monday("pr_reviewed", "15:15:00")),
            3.0,
            inputs("comments", 3)),
        Arguments.of(
            "mentions",
            "two mentions",
            List.of(
                monday("mention_made", "15:00:00"),
                monday("mention_made", "16:00:00"),
                monday("review_comment_added", "16:05:00")),
            2.0,
            inputs("mentions", 2)),
        Arguments.of(
            "pair_sessions",
            "sessions started, not ended",
            List.of(
                monday("pair_session_started", "15:00:00"),
                monday("pair_session_ended", "16:00:00"),
                monday("pair_session_started", "17:00:00"),
                monday("pair_session_ended", "18:00:00")),
            2.0,
            inputs("sessions", 2)),
        Arguments.of(
            "cross_team_interactions",
            "interactions across teams; a commit is none",
            List.of(
                monday("pr_reviewed", "15:00:00", "cross_team", "true"),
                monday("mention_made", "15:10:00", "cross_team", "false"),
                monday("review_comment_added", "15:20:00", "cross_team", "true"),
                monday("commit_created", "15:30:00", "cross_team", "true"),
                monday("pair_session_started", "15:40:00")),
            2.0,
            inputs("cross_team", 2)),
        Arguments.of(
            "llm_requests_per_work_item",
            "6 requests for 2 work items",
            List.of(
                monday("llm_request_submitted", "15:00:00", "work_item", "tk_a"),
                monday("llm_request_submitted", "15:01:00", "work_item", "tk_a"),
                monday("llm_request_submitted", "15:02:00", "work_item", "tk_a"),
                monday("llm_request_submitted", "15:03:00", "work_item", "tk_b"),
                monday("llm_request_submitted", "15:04:00", "work_item", "tk_b"),
                monday("llm_request_submitted", "15:05:00"),
                monday("file_edited", "15:06:00", "work_item", "tk_c")),
            3.0,
            inputs("requests", 6, "work_items", 2)),
        Arguments.of(
            "llm_retry_rate",
            "2 of 5 requests are retries",
            List.of(
                monday("llm_request_submitted", "15:00:00", "retry", "false"),
                monday("llm_request_submitted", "15:01:00", "retry", "true"),
                monday("llm_request_submitted", "15:02:00", "retry", "true"),
                monday("llm_request_submitted", "15:03:00"),
                monday("llm_request_submitted", "15:04:00"),
                monday("llm_request_failed", "15:05:00", "retry", "true")),
            0.4,
            inputs("retries", 2, "requests", 5)),
        Arguments.of(
            "tool_calls_per_request",
            "4 tool calls over 2 requests",
            List.of(
                monday("llm_request_submitted", "15:00:00"),
                monday("tool_call_made", "15:00:10", "tool", "grep"),
                monday("tool_call_made", "15:00:20", "tool", "edit"),
                monday("llm_request_submitted", "15:01:00"),
                monday("tool_call_made", "15:01:10", "tool", "grep"),
                monday("tool_call_made", "15:01:20", "tool", "test")),
            2.0,
            inputs("tool_calls", 4, "requests", 2)),
        Arguments.of(
            "distinct_tools",
            "grep and edit; a request naming a tool is no call",
            List.of(
                monday("tool_call_made", "15:00:00", "tool", "grep"),
                monday("tool_call_made", "15:01:00", "tool", "grep"),
                monday("tool_call_made", "15:02:00", "tool", "edit"),
                monday("llm_request_submitted", "15:03:00", "tool", "web")),
            2.0,
            inputs("tools", 2)),
        Arguments.of(
            "ai_assisted_commit_share",
            "2 of 4 commits co-written by an agent",
            List.of(
                monday("commit_created", "15:00:00", "ai_assisted", "true"),
                monday("commit_created", "15:10:00", "ai_assisted", "false"),
                monday("commit_created", "15:20:00", "ai_assisted", "true"),
                monday("commit_created", "15:30:00"),
                monday("commit_pushed", "15:40:00", "ai_assisted", "true")),
            0.5,
            inputs("ai_assisted", 2, "commits", 4)));
  }

  @Test
  void afterHoursUsesTheActorsOwnTimeZoneWhenTheEventCarriesOne() {
    // 05:00 UTC on a Monday: midnight in New York (the tenant's zone), 10:30 in Bengaluru.
    EventView tenantTime = monday("file_edited", "05:00:00");
    EventView ownTime = monday("file_edited", "05:00:00", "time_zone", "Asia/Kolkata");
    EventView offset = monday("file_edited", "05:00:00", "time_zone", "UTC+05:30");
    assertThat(tenantTime.afterHours()).isTrue();
    assertThat(ownTime.afterHours()).isFalse();
    assertThat(offset.afterHours()).isFalse();
    // Saturday 03:00 UTC is still Friday evening in New York but Saturday in Bengaluru.
    EventView friday = at("file_edited", "2026-03-07T03:00:00Z");
    assertThat(friday.nonWorkingDay()).isFalse();
    assertThat(
            NEW_YORK
                .view(
                    "file_edited",
                    Instant.parse("2026-03-07T03:00:00Z"),
                    Map.of("time_zone", "Asia/Kolkata"))
                .nonWorkingDay())
        .isTrue();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void evaluatesTheHandComputedValue(
      String feature,
      String description,
      List<EventView> events,
      Double expected,
      Map<String, Double> expectedInputs) {
    FeatureEvaluator.Result r =
        FeatureEvaluator.evaluate(FeatureCatalog.byName(feature).orElseThrow(), events);
    if (expected == null) {
      assertThat(r.value()).isNull();
    } else {
      assertThat(r.value()).isCloseTo(expected, within(1e-12));
    }
    assertThat(r.inputs()).containsExactlyEntriesOf(expectedInputs);
  }

  @Test
  void everyCatalogueFeatureHasACase() {
    Set<String> covered = cases().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
    assertThat(covered)
        .containsExactlyInAnyOrderElementsOf(
            FeatureCatalog.all().stream().map(FeatureDefinition::name).toList());
  }

  @Test
  void workingHoursAreJudgedInTheTenantsTimeZone() {
    // the same instants in UTC working hours give a different share
    WorkingHours utc = TenantConfigs.defaults().forTenant("x").workingHours();
    List<EventView> inUtc = new ArrayList<>();
    for (String t :
        List.of("13:59:00", "14:00:00", "18:30:00", "22:59:00", "23:00:00", "04:30:00")) {
      Instant i = Instant.parse("2026-03-02T" + t + "Z");
      inUtc.add(utc.view("file_edited", i, Map.of()));
    }
    assertThat(FeatureEvaluator.evaluate(FeatureCatalog.AFTER_HOURS_SHARE, inUtc).value())
        .isCloseTo(4.0 / 6, within(1e-12));
  }

  /** PRD UT-UBI-01: focused work against fragmented work, in flow features. */
  @Test
  void focusedWorkHasLongerSessionsAndFewerSwitchesThanFragmentedWork() {
    List<EventView> focused = new ArrayList<>();
    List<EventView> fragmented = new ArrayList<>();
    for (int h = 14; h < 22; h++) {
      focused.add(monday(h % 2 == 0 ? "context_switch" : "file_edited", h + ":05:00"));
      for (int m = 0; m < 60; m += 10) {
        fragmented.add(
            monday("context_switch", String.format(java.util.Locale.ROOT, "%02d:%02d:00", h, m)));
      }
    }
    double focusedLength =
        FeatureEvaluator.evaluate(
                FeatureCatalog.byName("focus_session_length_avg").orElseThrow(), focused)
            .value();
    double fragmentedLength =
        FeatureEvaluator.evaluate(
                FeatureCatalog.byName("focus_session_length_avg").orElseThrow(), fragmented)
            .value();
    assertThat(focusedLength).isEqualTo(120.0);
    assertThat(fragmentedLength).isEqualTo(10.0);
    assertThat(FeatureEvaluator.evaluate(FeatureCatalog.CONTEXT_SWITCHES_PER_HOUR, focused).value())
        .isEqualTo(0.5);
    assertThat(
            FeatureEvaluator.evaluate(FeatureCatalog.CONTEXT_SWITCHES_PER_HOUR, fragmented).value())
        .isEqualTo(6.0);
    assertThat(
            FeatureEvaluator.evaluate(
                    FeatureCatalog.byName("long_focus_sessions").orElseThrow(), focused)
                .value())
        .isEqualTo(3.0);
  }

  @Test
  void threeLateEventsGiveAFullAfterHoursShareWithoutSupport() {
    List<EventView> evening =
        List.of(
            monday("file_edited", "23:10:00"),
            monday("file_edited", "23:20:00"),
            monday("commit_created", "23:40:00"));
    FeatureDefinition share = FeatureCatalog.AFTER_HOURS_SHARE;
    FeatureEvaluator.Result r = FeatureEvaluator.evaluate(share, evening);
    assertThat(r.value()).isEqualTo(1.0);
    assertThat(r.supported()).as("3 events, minimum %s", share.minSupport()).isFalse();
    List<EventView> day = new ArrayList<>(evening);
    for (int i = 0; i < 20; i++) {
      day.add(monday("file_edited", String.format(java.util.Locale.ROOT, "15:%02d:00", i)));
    }
    assertThat(FeatureEvaluator.evaluate(share, day).supported()).isTrue();
  }

  @Test
  void catalogueNamesAreUniqueSnakeCaseAndFindable() {
    for (FeatureDefinition f : FeatureCatalog.all()) {
      assertThat(f.name()).matches("[a-z][a-z0-9_]*");
      assertThat(FeatureCatalog.byName(f.name())).contains(f);
      assertThat(f.minStdDev()).isPositive();
      assertThat(f.whenHigher() != null || f.whenLower() != null).as(f.name()).isTrue();
    }
    assertThat(FeatureCatalog.byName("lines_of_code")).isEmpty();
  }
}
