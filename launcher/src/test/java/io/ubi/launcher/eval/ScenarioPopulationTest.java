package io.ubi.launcher.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.launcher.eval.ActorPlan.Kind;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.contract.BehaviouralEvent;
import io.ubi.model.contract.EnvelopeDecoder;
import io.ubi.model.contract.MappingOutcome;
import io.ubi.model.privacy.Pseudonymizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScenarioPopulationTest {
  private final ScenarioPopulation population =
      ScenarioPopulation.ending(3, 200, 60, ScenarioPopulation.DEFAULT_LAST_DAY);
  private final List<ActorPlan> plans = population.plans();

  @Test
  void everyRuleIsPlantedAboutEquallyOftenOnceBaselinesAreWarmOnWorkingDays() {
    List<PlantedBehaviour> planted = population.planted();
    Map<String, Long> perRule =
        planted.stream()
            .collect(Collectors.groupingBy(PlantedBehaviour::rule, Collectors.counting()));
    assertThat(perRule.keySet()).containsExactlyInAnyOrderElementsOf(ScenarioPopulation.RULES);
    perRule.forEach((rule, n) -> assertThat(n).as(rule).isBetween(8L, 22L));
    for (PlantedBehaviour b : planted) {
      assertThat(b.from())
          .as("%s starts after three weeks of history", b)
          .isAfterOrEqualTo(population.first().plusDays(ActorPlanner.PLANT_FROM_DAY));
      assertThat(b.to()).isBeforeOrEqualTo(population.last()).isAfterOrEqualTo(b.from());
    }
    for (ActorPlan p : plans) {
      if (p.plant() != null && p.kind().human()) {
        assertThat(p.works(p.plant().from())).as("%s", p.plant()).isTrue();
        assertThat(p.works(p.plant().to())).as("%s", p.plant()).isTrue();
        assertThat(p.kind()).isEqualTo(Kind.FULL_TIME);
      }
    }
  }

  @Test
  void theGroundTruthIsAFunctionOfTheSeed() {
    ScenarioPopulation again =
        ScenarioPopulation.ending(3, 200, 60, ScenarioPopulation.DEFAULT_LAST_DAY);
    ScenarioPopulation other =
        ScenarioPopulation.ending(4, 200, 60, ScenarioPopulation.DEFAULT_LAST_DAY);
    assertThat(again.planted()).isEqualTo(population.planted());
    assertThat(other.planted()).isNotEqualTo(population.planted());
    LocalDate day = population.first().plusDays(30);
    assertThat(again.envelopes(42, day)).isNotEmpty().isEqualTo(population.envelopes(42, day));
  }

  @Test
  void thePopulationHasTheNoiseOfRealTeams() {
    Map<Kind, Long> kinds =
        plans.stream().collect(Collectors.groupingBy(ActorPlan::kind, Collectors.counting()));
    assertThat(kinds.keySet()).containsExactlyInAnyOrder(Kind.values());
    assertThat(plans).filteredOn(p -> !p.leave().isEmpty()).hasSizeGreaterThan(20);
    assertThat(plans).filteredOn(p -> !p.halfDays().isEmpty()).isNotEmpty();
    assertThat(plans.get(0).holidays()).isNotEmpty();
    // Every week one person of each team is on call.
    for (int day = 0; day < population.days(); day++) {
      LocalDate d = population.first().plusDays(day);
      assertThat(plans.stream().filter(p -> p.onCall().contains(d)).count())
          .isEqualTo(population.teams());
    }
    for (ScenarioTenant t : ScenarioTenant.values()) {
      Set<ZoneId> zones =
          plans.stream()
              .filter(p -> p.tenant() == t && p.kind().human())
              .map(ActorPlan::zone)
              .collect(Collectors.toSet());
      assertThat(zones).as(t.id()).hasSizeGreaterThan(2);
    }
    for (ActorPlan p : plans) {
      if (p.plant() != null && !p.leave().isEmpty()) {
        assertThat(p.leave())
            .allMatch(
                d ->
                    d.isBefore(p.plant().from().minusDays(7))
                        || d.isAfter(p.plant().to().plusDays(7)));
      }
    }
  }

  @Test
  void everyEnvelopeIsAcceptedByTheDecoderWithItsAttributes() {
    TenantConfigs configs = population.tenantConfigs();
    EnvelopeDecoder decoder =
        new EnvelopeDecoder(configs, new Pseudonymizer("scenario-test-key-of-at-least-32-chars"));
    Set<String> ids = new HashSet<>();
    Set<String> types = new HashSet<>();
    Set<String> attributes = new HashSet<>();
    LocalDate day = population.first().plusDays(29);
    for (int i = 0; i < 20; i++) {
      for (ObjectNode envelope : population.envelopes(i, day)) {
        MappingOutcome outcome = decoder.decode(envelope);
        assertThat(outcome).as("%s", envelope).isInstanceOf(MappingOutcome.Mapped.class);
        BehaviouralEvent e = ((MappingOutcome.Mapped) outcome).event();
        assertThat(ids.add(e.eventId())).as("ids are unique").isTrue();
        types.add(e.eventType());
        attributes.addAll(e.attributes().keySet());
      }
    }
    assertThat(types)
        .contains("pr_revised", "pr_reviewed", "work_item_completed", "llm_request_failed");
    assertThat(attributes)
        .contains("work_item", "counterpart", "retry", "ai_assisted", "time_zone", "tool");
  }

  @Test
  void nightAgentsWorkAtNightAndPeopleInTheirOwnHours() {
    ActorPlan agent =
        plans.stream().filter(p -> p.kind() == Kind.NIGHT_AGENT).findFirst().orElseThrow();
    LocalDate day = population.first().plusDays(30);
    assertThat(hours(population.envelopes(agent.index(), day), agent.zone()))
        .allMatch(h -> h < 5 || h >= 22);
    ActorPlan person =
        plans.stream()
            .filter(p -> p.kind() == Kind.FULL_TIME && p.plant() == null && p.works(day))
            .filter(p -> !p.onCall().contains(day) && !p.halfDays().contains(day))
            .findFirst()
            .orElseThrow();
    List<Integer> hours = hours(population.envelopes(person.index(), day), person.zone());
    assertThat(hours.stream().filter(h -> h >= 9 && h < 18).count())
        .isGreaterThan(hours.size() * 9L / 10);
  }

  @Test
  void aPlantedBurnoutMovesWorkIntoTheEveningAndDropsReviews() {
    ActorPlan p =
        plans.stream()
            .filter(a -> a.plant() != null && a.plant().rule().equals("burnout_risk"))
            .findFirst()
            .orElseThrow();
    LocalDate during = p.plant().from();
    LocalDate before = during.minusDays(7);
    while (!p.works(before)) {
      before = before.minusDays(1);
    }
    assertThat(evening(p, during)).isGreaterThan(0.25).isGreaterThan(evening(p, before) + 0.2);
    // In any tenant's spelling.
    assertThat(types(p, during))
        .doesNotContain("pr_reviewed", "pr_review_submitted", "mention_made", "user_mentioned");
  }

  @Test
  void sizesAreWholeTeamsAndEnoughDays() {
    assertThatThrownBy(
            () -> ScenarioPopulation.ending(1, 45, 60, ScenarioPopulation.DEFAULT_LAST_DAY))
        .hasMessageContaining("teams of 10");
    assertThatThrownBy(
            () -> ScenarioPopulation.ending(1, 40, 30, ScenarioPopulation.DEFAULT_LAST_DAY))
        .hasMessageContaining("days");
  }

  private double evening(ActorPlan p, LocalDate day) {
    List<Integer> hours = hours(population.envelopes(p.index(), day), p.zone());
    return hours.stream().filter(h -> h >= 19).count() / (double) hours.size();
  }

  private Set<String> types(ActorPlan p, LocalDate day) {
    return population.envelopes(p.index(), day).stream()
        .map(e -> e.get("signal_type").asText())
        .collect(Collectors.toSet());
  }

  private static List<Integer> hours(List<ObjectNode> envelopes, ZoneId zone) {
    Function<ObjectNode, Integer> hour =
        e -> Instant.parse(e.get("occurred_at").asText()).atZone(zone).getHour();
    return envelopes.stream().map(hour).toList();
  }
}
