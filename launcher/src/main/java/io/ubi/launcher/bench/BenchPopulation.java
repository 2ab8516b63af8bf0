package io.ubi.launcher.bench;

import io.ubi.launcher.demo.SyntheticHistory;
import io.ubi.launcher.demo.SyntheticHistory.Planted;
import io.ubi.model.Json;
import io.ubi.model.config.TenantConfig;
import io.ubi.model.config.TenantConfigs;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The synthetic organisation of {@code ubi bench nightly}: actors in contiguous blocks per team,
 * teams alternating between two tenants in different time zones (so the working-hour features see
 * local time), and per 20 actors 18 humans, one AI agent and one CI service. Some actors get a
 * planted behaviour in the last days, so that baselines and signals have deviations to find.
 *
 * <p>Every actor is a function of its index and the seed alone: Spark's executors rebuild them from
 * this small record instead of being shipped a list of thousands.
 */
public record BenchPopulation(long seed, int actors, int teams) implements Serializable {
  private static final List<String> TENANTS = List.of("bench-eu", "bench-us");
  private static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York");
  private static final Planted[] HUMAN_PLANTS = {
    Planted.AFTER_HOURS_SURGE,
    Planted.FAILING_BUILDS,
    Planted.CONTEXT_SWITCH_STORM,
    Planted.REVIEW_MENTOR
  };

  public BenchPopulation {
    if (actors < 1 || teams < 1 || teams > actors) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "Need at least one actor per team and one team, got %d actors in %d teams",
              actors,
              teams));
    }
  }

  /** The tenants that have at least one team. */
  public List<String> tenantIds() {
    return TENANTS.subList(0, Math.min(teams, TENANTS.size()));
  }

  /** A tenant's configuration file: the defaults, with the tenant's working-hours time zone. */
  public String tenantConfigJson(String tenantId) {
    return "{\"version\": 1, \"working_hours\": {\"time_zone\": \""
        + ZONES.get(TENANTS.indexOf(tenantId))
        + "\"}}\n";
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
      Instant local =
          day.plusDays(1).atStartOfDay(ZoneId.of(ZONES.get(TENANTS.indexOf(t)))).toInstant();
      end = local.isAfter(end) ? local : end;
    }
    return end;
  }

  /**
   * Actor {@code index} on {@code day}, alone in its tenant as {@link SyntheticHistory} takes it,
   * with its planted behaviour from {@code plantFrom} on (none before).
   */
  SyntheticHistory.Tenant actorOn(int index, LocalDate day, LocalDate plantFrom) {
    int team = (int) ((long) index * teams / actors);
    int tenant = team % TENANTS.size();
    String type = type(index);
    String teamId = String.format(Locale.ROOT, "team-%03d", team);
    Planted planted = day.isBefore(plantFrom) ? Planted.NONE : planted(index, type);
    SyntheticHistory.Actor actor =
        new SyntheticHistory.Actor(
            TENANTS.get(tenant), actorId(index, type), type, teamId, "bench/" + teamId, planted);
    return new SyntheticHistory.Tenant(
        TENANTS.get(tenant), ZoneId.of(ZONES.get(tenant)), List.of(actor));
  }

  /** The id actor {@code index} acts as, before pseudonymisation. */
  public String actorIdOf(int index) {
    return actorId(index, type(index));
  }

  /** The tenant of actor {@code index}. */
  public String tenantOf(int index) {
    return TENANTS.get((int) ((long) index * teams / actors) % TENANTS.size());
  }

  private static String type(int index) {
    int k = index % 20;
    return k < 18 ? "human" : k == 18 ? "ai_agent" : "service";
  }

  private static String actorId(int index, String type) {
    String prefix =
        switch (type) {
          case "ai_agent" -> "agent:coder-";
          case "service" -> "svc:ci-";
          default -> "dev-";
        };
    return String.format(Locale.ROOT, "%s%05d", prefix, index);
  }

  /** About one human in a hundred and one agent in four has a behaviour planted. */
  private static Planted planted(int index, String type) {
    if (type.equals("human") && index % 97 == 5) {
      return HUMAN_PLANTS[(index / 97) % HUMAN_PLANTS.length];
    }
    if (type.equals("ai_agent") && (index / 20) % 4 == 0) {
      return Planted.LLM_HEAVY;
    }
    return Planted.NONE;
  }
}
