package io.ubi.launcher.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.launcher.bench.ActorDays;
import io.ubi.launcher.eval.ActorPlan.Kind;
import io.ubi.model.Json;
import io.ubi.model.config.TenantConfig;
import io.ubi.model.config.TenantConfigs;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The signal-quality scenario's organisation, with its ground truth: teams of ten seats (eight
 * people, one of them part-time in every other team, an AI agent that runs at night or in the day,
 * and the team's CI service), dealt to three tenants ({@link ScenarioTenant}). About half the
 * full-timers and half the agents get one planted behaviour each, the rules dealt in turn so that
 * each is planted about as often as the others.
 *
 * <p>Every actor is a function of the seed and its index ({@link ActorPlanner}), and each of its
 * days a function of that and the date ({@link ScenarioDay}): Spark's executors rebuild them from
 * this small record, and the ground truth ({@link #planted}) is read from the same plans.
 */
public record ScenarioPopulation(long seed, int actors, LocalDate first, int days)
    implements ActorDays {
  static final int TEAM_SEATS = 10;
  static final String AGENT_USAGE = "agent_usage_optimisation";

  /** The rules planted, in the order they are dealt. */
  public static final List<String> RULES =
      List.of(
          "burnout_risk",
          "rework_loop",
          "context_thrash",
          "mentoring_potential",
          "pair_work_candidate",
          AGENT_USAGE,
          "activity_drop");

  /**
   * The last day of the scenario unless told otherwise: a fixed calendar (a Friday, with both
   * daylight-saving changes of the autumn in the period) so that a seed gives the same figures
   * whenever it is run.
   */
  public static final LocalDate DEFAULT_LAST_DAY = LocalDate.of(2025, 11, 28);

  /** Seats 0-6 are full-timers; 7 is part-time in odd teams; 8 the agent; 9 the CI service. */
  private static final int PLANTABLE_SEATS = 7;

  public ScenarioPopulation {
    Objects.requireNonNull(first, "first");
    if (actors < TEAM_SEATS || actors % TEAM_SEATS != 0) {
      throw new IllegalArgumentException(
          "Need whole teams of " + TEAM_SEATS + " actors, at least one, got " + actors);
    }
    if (days < ActorPlanner.PLANT_FROM_DAY + 14) {
      throw new IllegalArgumentException(
          "Need at least "
              + (ActorPlanner.PLANT_FROM_DAY + 14)
              + " days: three weeks for the baselines, two for the planted behaviours; got "
              + days);
    }
  }

  /** The population of {@code days} days ending on {@code last}. */
  public static ScenarioPopulation ending(long seed, int actors, int days, LocalDate last) {
    return new ScenarioPopulation(seed, actors, last.minusDays(days - 1L), days);
  }

  public LocalDate last() {
    return first.plusDays(days - 1L);
  }

  int teams() {
    return actors / TEAM_SEATS;
  }

  /** The tenants that have at least one team. */
  public List<String> tenantIds() {
    List<String> ids = new ArrayList<>();
    for (ScenarioTenant t : ScenarioTenant.values()) {
      for (int team = 0; team < teams(); team++) {
        if (ScenarioTenant.ofTeam(team) == t) {
          ids.add(t.id());
          break;
        }
      }
    }
    return ids;
  }

  /**
   * A tenant's configuration file: its time zone, working week and the public holidays of the
   * period over the defaults.
   */
  public String tenantConfigJson(String tenantId) {
    return tenant(tenantId).configJson(first(), days());
  }

  /** The configurations of {@link #tenantConfigJson}, for a caller that keeps no files. */
  public TenantConfigs tenantConfigs() {
    Map<String, TenantConfig> configs = new LinkedHashMap<>();
    for (String t : tenantIds()) {
      configs.put(t, TenantConfigs.parse(t, Json.parse(tenantConfigJson(t))));
    }
    return TenantConfigs.of(configs);
  }

  /** When {@code day} has ended in every tenant's time zone. */
  public Instant endOf(LocalDate day) {
    Instant end = Instant.MIN;
    for (String t : tenantIds()) {
      Instant local = tenant(t).startOf(day.plusDays(1)).toInstant();
      end = local.isAfter(end) ? local : end;
    }
    return end;
  }

  @Override
  public List<ObjectNode> envelopes(int index, LocalDate day) {
    return new ScenarioDay(this, plan(index), day).envelopes();
  }

  /** Every actor's plan. */
  List<ActorPlan> plans() {
    ActorPlanner planner = new ActorPlanner(this);
    List<ActorPlan> plans = new ArrayList<>(actors);
    for (int i = 0; i < actors; i++) {
      plans.add(planner.plan(i));
    }
    return plans;
  }

  ActorPlan plan(int index) {
    return new ActorPlanner(this).plan(index);
  }

  /** The ground truth: every planted behaviour, by actor index. */
  public List<PlantedBehaviour> planted() {
    return plans().stream().map(ActorPlan::plant).filter(Objects::nonNull).toList();
  }

  Kind kindOf(int index) {
    int team = index / TEAM_SEATS;
    return switch (index % TEAM_SEATS) {
      case 7 -> team % 2 == 1 ? Kind.PART_TIME : Kind.FULL_TIME;
      case 8 -> team % 2 == 0 ? Kind.NIGHT_AGENT : Kind.DAY_AGENT;
      case 9 -> Kind.SERVICE;
      default -> Kind.FULL_TIME;
    };
  }

  String actorId(int index) {
    String prefix =
        switch (kindOf(index)) {
          case NIGHT_AGENT, DAY_AGENT -> "agent";
          case SERVICE -> "ci";
          default -> "dev";
        };
    return String.format(Locale.ROOT, "%s-%04d", prefix, index);
  }

  static String teamId(int team) {
    return String.format(Locale.ROOT, "team-%02d", team);
  }

  /** The people of a team (seats 0-7), by index. */
  List<Integer> people(int team) {
    List<Integer> out = new ArrayList<>();
    for (int seat = 0; seat < 8; seat++) {
      out.add(team * TEAM_SEATS + seat);
    }
    return out;
  }

  /** The teams of a tenant. */
  List<Integer> teamsOf(ScenarioTenant tenant) {
    List<Integer> out = new ArrayList<>();
    for (int team = 0; team < teams(); team++) {
      if (ScenarioTenant.ofTeam(team) == tenant) {
        out.add(team);
      }
    }
    return out;
  }

  /**
   * The rule planted in an actor, or null: full-timers of seats 0-6 whose seat and team have the
   * same parity, the rules dealt in turn over them; agents of every other pair of teams.
   */
  String plantedRule(int index) {
    int team = index / TEAM_SEATS;
    int seat = index % TEAM_SEATS;
    if (seat == 8) {
      return Math.floorMod(team / 2 + seed, 2) == 0 ? AGENT_USAGE : null;
    }
    int dealt = dealt(team, seat);
    return dealt < 0 ? null : RULES.get(Math.floorMod(dealt + seed, RULES.size()));
  }

  /** Which form of its rule's behaviour an actor shows. */
  String variantOf(int index, String rule) {
    int team = index / TEAM_SEATS;
    return switch (rule) {
      case "burnout_risk" -> "late_nights";
      case "rework_loop" -> "failing_builds";
      case "context_thrash" -> "many_work_items";
      case "mentoring_potential" -> "reviews_for_many";
      case "pair_work_candidate" -> "stuck_on_one_item";
      case "activity_drop" -> "short_days";
      default ->
          index % TEAM_SEATS == 8
              ? (team / 4 % 2 == 0 ? "llm_friction" : "policy_overrides")
              : List.of("llm_friction", "policy_overrides", "ai_dropped")
                  .get(dealt(team, index % TEAM_SEATS) / RULES.size() % 3);
    };
  }

  /** The position of a planted full-timer in the deal (-1 if none is planted there). */
  private static int dealt(int team, int seat) {
    if (seat >= PLANTABLE_SEATS || (seat + team) % 2 != 0) {
      return -1;
    }
    // Even teams have seats 0, 2, 4, 6 planted; odd teams 1, 3, 5: seven per pair of teams.
    return team / 2 * 7 + (team % 2 == 1 ? 4 : 0) + seat / 2;
  }

  private static ScenarioTenant tenant(String id) {
    for (ScenarioTenant t : ScenarioTenant.values()) {
      if (t.id().equals(id)) {
        return t;
      }
    }
    throw new IllegalArgumentException("Not a scenario tenant: " + id);
  }
}
