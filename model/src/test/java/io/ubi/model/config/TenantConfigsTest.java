package io.ubi.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;
import io.ubi.model.UbiException;
import io.ubi.model.contract.EventTypes;
import io.ubi.model.feature.Dimension;
import io.ubi.model.signal.ActorScope;
import io.ubi.model.signal.SignalType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantConfigsTest {
  @TempDir Path dir;

  private Path write(String name, String json) throws IOException {
    return Files.writeString(dir.resolve(name), json);
  }

  @Test
  void theDirectoryPutsActorsInTeamsAndCohortsAndAnActorInOneTeamOnly() {
    TenantConfig c =
        TenantConfigs.parse(
            "acme",
            Json.parse(
                """
        {"directory": {"teams": {"payments": ["u1", "u2"], "search": ["u3"]},
                       "cohorts": {"seniors": ["u1", "u3"], "new_joiners": ["u1"]}}}
        """));
    assertThat(c.directory().teamOf("u1")).contains("payments");
    assertThat(c.directory().teamOf("u9")).isEmpty();
    assertThat(c.directory().cohortsOf("u1")).containsExactly("new_joiners", "seniors");
    assertThat(TenantConfigs.defaults().forTenant("x").directory()).isEqualTo(Directory.EMPTY);
    assertThatThrownBy(
            () ->
                TenantConfigs.parse(
                    "acme",
                    Json.parse(
                        """
        {"directory": {"teams": {"a": ["u1"], "b": ["u1", 7]}, "cohorts": []}}
        """)))
        .hasMessageContaining("directory.teams: 'u1' is in both 'a' and 'b'")
        .hasMessageContaining("directory.teams.b: actor ids must be non-empty strings")
        .hasMessageContaining("directory.cohorts: must be an object");
  }

  @Test
  void embeddedDefaultsMatchThePrd() {
    TenantConfig c = TenantConfigs.defaults().forTenant("globex");
    assertThat(c.tenantId()).isEqualTo("globex");
    assertThat(c.version()).isEqualTo(1);
    assertThat(c.enabledEventTypes()).containsExactlyInAnyOrderElementsOf(EventTypes.canonical());
    assertThat(c.baseline()).isEqualTo(BaselinePolicy.DEFAULT);
    assertThat(c.anomalyThresholds()).isEqualTo(AnomalyThresholds.DEFAULT);
    assertThat(c.workingHours())
        .isEqualTo(
            new WorkingHours(
                ZoneId.of("UTC"), 9, 18, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)));
    assertThat(c.minTeamSize()).isEqualTo(5);
    assertThat(c.enabledSignalTypes()).containsExactlyInAnyOrder(SignalType.values());
    assertThat(c.staleAfter()).isEqualTo(Duration.ofMinutes(60));
    assertThat(c.eventMapping().version()).isEqualTo(1);
    assertThat(c.eventMapping().map("pr_opened")).contains("pr_created");
  }

  @Test
  void tenantFileIsOverlaidOnTheDefaultsKeyByKey() throws IOException {
    write(
        "acme.json",
        """
        {
          "version": 4,
          "enabled_signal_types": ["risk"],
          "working_hours": {"time_zone": "Europe/Berlin", "end_hour": 17},
          "baseline_algorithm": {"alpha": 0.2},
          "anomaly_thresholds": {"per_dimension": {"flow": {"warn": 2.0, "critical": 3.0}}}
        }
        """);
    write("notes.txt", "not a config");
    TenantConfigs configs = TenantConfigs.load(dir);

    assertThat(configs.configuredTenants()).containsExactly("acme");
    TenantConfig acme = configs.forTenant("acme");
    assertThat(acme.version()).isEqualTo(4);
    assertThat(acme.enabledSignalTypes()).containsExactly(SignalType.RISK);
    assertThat(acme.emits(SignalType.OPPORTUNITY)).isFalse();
    // overridden keys change, their siblings keep the defaults
    assertThat(acme.workingHours())
        .isEqualTo(
            new WorkingHours(
                ZoneId.of("Europe/Berlin"),
                9,
                17,
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)));
    assertThat(acme.baseline()).isEqualTo(new BaselinePolicy(0.2, 7, 90, 3.0));
    assertThat(acme.anomalyThresholds().levels(Dimension.FLOW))
        .isEqualTo(new AnomalyThresholds.Levels(2.0, 3.0));
    assertThat(acme.anomalyThresholds().levels(Dimension.ACTIVITY))
        .isEqualTo(new AnomalyThresholds.Levels(2.5, 3.5));
    // untouched sections are the defaults
    assertThat(acme.enabledEventTypes()).hasSize(30);
    assertThat(acme.eventMapping().map("push")).contains("commit_pushed");

    TenantConfig other = configs.forTenant("initech");
    assertThat(other.tenantId()).isEqualTo("initech");
    assertThat(other.version()).isEqualTo(1);
    assertThat(other.enabledSignalTypes()).hasSize(3);
  }

  @Test
  void tenantAliasesReplaceTheDefaultAliasTable() throws IOException {
    write(
        "acme.json",
        """
        {"event_mapping": {"version": 2, "aliases": {"mr_opened": "pr_created"}}}
        """);
    MappingRules rules = TenantConfigs.load(dir).forTenant("acme").eventMapping();
    assertThat(rules).isEqualTo(new MappingRules(2, Map.of("mr_opened", "pr_created")));
    assertThat(rules.map("pr_opened")).isEmpty();
    assertThat(rules.map("pr_created")).contains("pr_created");
  }

  @Test
  void missingOrNullDirectoryMeansDefaultsOnly() {
    assertThat(TenantConfigs.load(null).configuredTenants()).isEmpty();
    assertThat(TenantConfigs.load(dir.resolve("absent")).forTenant("x").version()).isEqualTo(1);
  }

  @Test
  void badTenantFileNamesTheFileAndEveryBadField() throws IOException {
    Path bad =
        write(
            "globex.json",
            """
        {
          "version": 0,
          "enabled_event_categories": ["file_edited", "keystroke"],
          "event_mapping": {"aliases": {"mr": "merge_request"}},
          "working_hours": {"time_zone": "Mars/Olympus_Mons", "start_hour": 18, "end_hour": 9},
          "baseline_algorithm": {"alpha": 1.5},
          "anomaly_thresholds": {"warn": 4.0, "critical": 3.0, "per_dimension": {"mood": {}}},
          "aggregation_thresholds": {"min_team_size": 3},
          "enabled_signal_types": ["risk", "gossip"]
        }
        """);
    write("acme.json", "{\"version\": 2}");

    assertThatThrownBy(() -> TenantConfigs.load(dir))
        .isInstanceOf(UbiException.class)
        .satisfies(e -> assertThat(((UbiException) e).code()).isEqualTo("invalid_config"))
        .hasMessageContaining(bad.toString())
        .hasMessageContaining("Invalid tenant configuration for 'globex'")
        .hasMessageContaining("version: must be a positive integer, got 0")
        .hasMessageContaining("enabled_event_categories: 'keystroke' is not a canonical event type")
        .hasMessageContaining("event_mapping.aliases.mr: maps to 'merge_request'")
        .hasMessageContaining("working_hours.time_zone: 'Mars/Olympus_Mons' is not a time zone id")
        .hasMessageContaining("working_hours: start_hour must be before end_hour")
        .hasMessageContaining("baseline_algorithm.alpha: must be a number in [0.0, 1.0], got 1.5")
        .hasMessageContaining("anomaly_thresholds: critical (3.0) must not be below warn (4.0)")
        .hasMessageContaining(
            "anomaly_thresholds.per_dimension: 'mood' is not one of activity, flow,"
                + " collaboration, agent_usage")
        .hasMessageContaining("aggregation_thresholds.min_team_size: must be at least 5")
        .hasMessageContaining(
            "enabled_signal_types: 'gossip' is not one of risk, opportunity," + " informational")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("acme"));
  }

  @Test
  void sectionsOfTheWrongShapeAreReportedNotSilentlyIgnored() throws IOException {
    // each of these used to parse without a problem and silently change behaviour: no working
    // day (nothing scored, every event after hours), no aliases, no per-dimension thresholds
    Path bad =
        write(
            "globex.json",
            """
        {
          "working_hours": {"workdays": "MONDAY"},
          "event_mapping": {"aliases": ["pr_opened"]},
          "anomaly_thresholds": {"per_dimension": 2.0}
        }
        """);
    assertThatThrownBy(() -> TenantConfigs.load(dir))
        .isInstanceOf(UbiException.class)
        .hasMessageContaining(bad.toString())
        .hasMessageContaining("working_hours.workdays: must be a non-empty array of day names")
        .hasMessageContaining("event_mapping.aliases: must be an object")
        .hasMessageContaining("anomaly_thresholds.per_dimension: must be an object");
  }

  @Test
  void anUnknownKeyIsNamedNotIgnored() {
    assertThatThrownBy(
            () ->
                TenantConfigs.parse(
                    "acme",
                    Json.parse(
                        """
                        {"enabled_event_types": ["file_edited"],
                         "working_hours": {"timezone": "Europe/Berlin"},
                         "anomaly_thresholds": {"warning": 2.0}}
                        """)))
        .hasMessageContaining("enabled_event_types: unknown field; known are [")
        .hasMessageContaining("working_hours.timezone: unknown field")
        .hasMessageContaining("anomaly_thresholds.warning: unknown field");
  }

  @Test
  void anEmptyWorkdayListIsReported() throws IOException {
    write("globex.json", "{\"working_hours\": {\"workdays\": []}}");
    assertThatThrownBy(() -> TenantConfigs.load(dir))
        .hasMessageContaining("working_hours.workdays: must be a non-empty array of day names");
  }

  @Test
  void publicHolidaysAreDaysOffAndAfterHoursAllDay() throws IOException {
    write(
        "acme.json",
        """
        {"working_hours": {"time_zone": "Europe/Berlin", "holidays": ["2025-12-25", "2025-12-26"]}}
        """);
    WorkingHours hours = TenantConfigs.load(dir).forTenant("acme").workingHours();
    LocalDate christmas = LocalDate.of(2025, 12, 25); // a Thursday
    assertThat(hours.holidays()).containsExactlyInAnyOrder(christmas, christmas.plusDays(1));
    assertThat(hours.isWorkingDay(christmas)).isFalse();
    assertThat(hours.isWorkingDay(christmas.minusDays(1))).isTrue();
    Instant christmasNoon = christmas.atTime(12, 0).atZone(hours.timeZone()).toInstant();
    assertThat(hours.isAfterHours(christmasNoon)).isTrue();
    assertThat(hours.isAfterHours(christmasNoon.minus(Duration.ofDays(1)))).isFalse();
    assertThat(hours.view("commit_created", christmasNoon, Map.of()).nonWorkingDay()).isTrue();

    write("acme.json", "{\"working_hours\": {\"holidays\": [\"25.12.2025\"]}}");
    assertThatThrownBy(() -> TenantConfigs.load(dir))
        .hasMessageContaining(
            "working_hours.holidays: '25.12.2025' is not an ISO date such as 2025-12-25");
  }

  @Test
  void theLatestStoredVersionIsLaidOverTheFileWhichKeepsTheDirectory() throws IOException {
    write(
        "acme.json",
        """
        {"version": 3, "stale_after_minutes": 20,
         "anomaly_thresholds": {"per_dimension": {"flow": {"warn": 2.0, "critical": 3.0}}},
         "directory": {"teams": {"core": ["u1", "u2", "u3", "u4", "u5"]}}}
        """);
    TenantConfigs seed = TenantConfigs.load(dir);
    assertThat(seed.forTenant("acme").anomalyThresholds().autoTune()).isFalse();
    ObjectNode settings = seed.settings("acme");
    assertThat(settings.has("directory")).as("a version never holds raw ids").isFalse();
    ((ObjectNode) settings.get("anomaly_thresholds")).put("auto_tune", true);
    settings.put("stale_after_minutes", 45);
    assertThat(seed.change("acme", settings, 4).config().staleAfter())
        .isEqualTo(Duration.ofMinutes(45));
    ObjectNode patch = Json.MAPPER.createObjectNode().put("stale_after_minutes", 45);
    patch.putObject("anomaly_thresholds").putNull("per_dimension");
    TenantConfigs.Change patched = seed.change("acme", patch, 4);
    assertThat(patched.settings().get("version").asInt()).isEqualTo(4);
    assertThat(patched.settings().at("/stale_after_minutes").asInt()).isEqualTo(45);
    assertThat(patched.config().anomalyThresholds().levels(Dimension.FLOW).warn())
        .as("a null removes the override: back to the default")
        .isEqualTo(2.5);

    TenantConfigs effective =
        seed.withVersions(
            List.of(
                new ConfigVersion(
                    "acme", 4, settings.toString(), "tk_lead", Instant.EPOCH, "longer staleness")));
    TenantConfig acme = effective.forTenant("acme");
    assertThat(acme.version()).isEqualTo(4);
    assertThat(acme.staleAfter()).isEqualTo(Duration.ofMinutes(45));
    assertThat(acme.anomalyThresholds().autoTune()).isTrue();
    assertThat(acme.anomalyThresholds().levels(Dimension.FLOW).warn()).isEqualTo(2.0);
    assertThat(acme.directory().teams()).containsKey("core");
    assertThat(effective.settings("acme").get("stale_after_minutes").asInt())
        .as("the next version starts from this one")
        .isEqualTo(45);
    assertThat(effective.forTenant("initech").version()).isEqualTo(1);

    ObjectNode withDirectory = seed.settings("acme");
    withDirectory.putObject("directory");
    assertThatThrownBy(() -> seed.change("acme", withDirectory, 4))
        .hasMessageContaining("directory: teams and cohorts by member are raw actor ids");
    assertThatThrownBy(
            () ->
                seed.withVersions(
                    List.of(
                        new ConfigVersion(
                            "acme",
                            5,
                            "{\"anomaly_thresholds\": {\"auto_tune\": \"yes\"}}",
                            "tk_lead",
                            Instant.EPOCH,
                            ""))))
        .hasMessageContaining("acme, stored config version 5")
        .hasMessageContaining("anomaly_thresholds.auto_tune: must be true or false");
  }

  @Test
  void everyBadFileIsReportedAtOnce() throws IOException {
    Path malformed = write("a.json", "{\"version\": 2,");
    Path notObject = write("b.json", "[1, 2]");
    Path wrongType = write("c.json", "{\"stale_after_minutes\": \"an hour\"}");
    assertThatThrownBy(() -> TenantConfigs.load(dir))
        .isInstanceOf(UbiException.class)
        .hasMessageStartingWith("Invalid configuration (3 problems)")
        .hasMessageContaining(malformed + ": Malformed JSON")
        .hasMessageContaining(
            notObject
                + ": Invalid tenant configuration for 'b':\n"
                + "  - the configuration must be a JSON object")
        .hasMessageContaining(wrongType + ": Invalid tenant configuration for 'c'")
        .hasMessageContaining("stale_after_minutes: must be a positive integer, got \"an hour\"");
  }

  @Test
  void aTenantChoosesItsWindowsAndMinimumSupportsAndEveryMistakeIsNamed() {
    TenantConfig c =
        TenantConfigs.parse(
            "acme",
            io.ubi.model.Json.parse(
                """
        {"feature_windows": {"windows_days": [14, 7], "min_support": {"after_hours_share": 20}}}
        """));
    assertThat(c.features().windowsDays()).containsExactly(1, 7, 14);
    assertThat(c.features().minSupport(io.ubi.model.feature.FeatureCatalog.AFTER_HOURS_SHARE))
        .isEqualTo(20.0);
    assertThat(
            c.features()
                .minSupport(
                    io.ubi.model.feature.FeatureCatalog.byName("build_failure_rate").orElseThrow()))
        .isEqualTo(4.0);
    assertThat(TenantConfigs.parse("x", null).features().windowsDays()).containsExactly(1, 7, 28);
    assertThatThrownBy(
            () ->
                TenantConfigs.parse(
                    "acme",
                    io.ubi.model.Json.parse(
                        """
        {"feature_windows": {"windows_days": [0, 365], "colour": 1,
          "min_support": {"nope": 1, "events": 2, "after_hours_share": -1}}}
        """)))
        .hasMessageContaining(
            "feature_windows.windows_days: each must be a whole number of days from 1"
                + " to 90, got 0")
        .hasMessageContaining("got 365")
        .hasMessageContaining("feature_windows.colour: unknown field")
        .hasMessageContaining("feature_windows.min_support.nope: not a feature of the catalogue")
        .hasMessageContaining(
            "feature_windows.min_support.events: applies to a ratio's denominator")
        .hasMessageContaining(
            "feature_windows.min_support.after_hours_share: must be a non-negative");
  }

  @Test
  void aTenantSwitchesOffScopesAndRulesAndEveryMistakeIsNamed() {
    TenantConfig c =
        TenantConfigs.parse(
            "acme",
            io.ubi.model.Json.parse(
                """
                {"signals": {"disabled_scopes": ["actor"], "disabled_rules": ["active_hours"]}}
                """));
    assertThat(c.emits(SignalType.RISK, ActorScope.ACTOR, "failed_builds")).isFalse();
    assertThat(c.emits(SignalType.RISK, ActorScope.TEAM, "failed_builds")).isTrue();
    assertThat(c.emits(SignalType.INFORMATIONAL, ActorScope.TEAM, "active_hours")).isFalse();
    assertThat(TenantConfigs.parse("x", null).emits(SignalType.RISK, ActorScope.ACTOR, "events"))
        .isTrue();
    assertThatThrownBy(
            () ->
                TenantConfigs.parse(
                    "acme",
                    io.ubi.model.Json.parse(
                        """
                        {"signals": {"disabled_scopes": ["galaxy"], "disabled_rules": ["nope"],
                          "mute": true}}
                        """)))
        .hasMessageContaining("signals.disabled_scopes: 'galaxy' is not one of")
        .hasMessageContaining("signals.disabled_rules: 'nope' is not a rule")
        .hasMessageContaining("signals.mute: unknown field");
  }

  @Test
  void aTenantChoosesWhichClassesTheSpeedLayerRaises() {
    TenantConfig c =
        TenantConfigs.parse(
            "acme",
            io.ubi.model.Json.parse(
                """
                {"signals": {"delivery": {"risk": "near_real_time", "opportunity": "nightly"},
                  "disabled_rules": ["burnout_risk"]}}
                """));
    assertThat(c.signalSwitches().nearRealTime()).containsExactly(SignalType.RISK);
    assertThat(c.emits(SignalType.RISK, ActorScope.ACTOR, "burnout_risk")).isFalse();
    assertThat(TenantConfigs.defaults().forTenant("x").signalSwitches().nearRealTime())
        .as("nightly unless the tenant asks")
        .isEmpty();
    assertThatThrownBy(
            () ->
                TenantConfigs.parse(
                    "acme",
                    io.ubi.model.Json.parse(
                        """
                        {"signals": {"delivery": {"alarm": "nightly", "risk": "hourly"}}}
                        """)))
        .hasMessageContaining("signals.delivery.alarm: not a signal class")
        .hasMessageContaining("signals.delivery.risk: must be one of [nightly, near_real_time]");
  }

  @Test
  void theResolutionDurationIsInHoursAndCoversWholeDays() {
    assertThat(TenantConfigs.parse("x", null).anomalyThresholds().resolveAfterDays()).isEqualTo(1);
    assertThat(
            TenantConfigs.parse(
                    "acme",
                    io.ubi.model.Json.parse(
                        "{\"anomaly_thresholds\": {\"resolve_after_hours\": 36}}"))
                .anomalyThresholds()
                .resolveAfterDays())
        .isEqualTo(2);
    assertThatThrownBy(
            () ->
                TenantConfigs.parse(
                    "acme",
                    io.ubi.model.Json.parse(
                        "{\"anomaly_thresholds\": {\"resolve_after_hours\": 0}}")))
        .hasMessageContaining("anomaly_thresholds.resolve_after_hours");
  }

  /** PRD FM-UBI-02: where policy forbids volume-only metrics, none triggers a signal. */
  @Test
  void aPolicyAgainstVolumeOnlyMetricsStopsThemTriggering() {
    TenantConfig strict =
        TenantConfigs.parse(
            "acme", io.ubi.model.Json.parse("{\"signals\": {\"forbid_volume_only\": true}}"));
    assertThat(strict.emits(SignalType.INFORMATIONAL, ActorScope.ACTOR, "events")).isFalse();
    assertThat(strict.emits(SignalType.INFORMATIONAL, ActorScope.TEAM, "commits_created"))
        .isFalse();
    assertThat(strict.emits(SignalType.RISK, ActorScope.ACTOR, "failed_builds")).isTrue();
    assertThat(
            TenantConfigs.parse("x", null)
                .emits(SignalType.INFORMATIONAL, ActorScope.ACTOR, "events"))
        .isTrue();
    assertThatThrownBy(
            () ->
                TenantConfigs.parse(
                    "acme",
                    io.ubi.model.Json.parse("{\"signals\": {\"forbid_volume_only\": \"yes\"}}")))
        .hasMessageContaining("signals.forbid_volume_only: must be true or false");
  }
}
