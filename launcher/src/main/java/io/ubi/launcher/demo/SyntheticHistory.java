package io.ubi.launcher.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic, reproducible synthetic activity for two tenants: humans on working-hour patterns in
 * their tenant's time zone, AI agents and CI services around the clock, teams above and below the
 * k-anonymity floor, and planted behaviours in the last days (an after-hours surge, builds that
 * start failing, a context-switch storm, a reviewer well above their norm, an agent's LLM usage
 * spike). The same seed gives the same envelopes, signal ids included, so a re-run deduplicates.
 */
public final class SyntheticHistory {
  /** A behaviour planted in an actor's last days. */
  public enum Planted {
    NONE,
    AFTER_HOURS_SURGE,
    FAILING_BUILDS,
    CONTEXT_SWITCH_STORM,
    REVIEW_MENTOR,
    LLM_HEAVY
  }

  /** One synthetic actor. */
  public record Actor(
      String tenant, String id, String type, String team, String repo, Planted planted) {}

  /** One synthetic tenant. */
  public record Tenant(String id, ZoneId zone, List<Actor> actors) {}

  private final long seed;
  private final int plantedDays;

  public SyntheticHistory(long seed, int plantedDays) {
    this.seed = seed;
    this.plantedDays = plantedDays;
  }

  /**
   * acme (Europe/Berlin: 27 engineers in teams of 12, 8, 4 and 3, three AI agents, two services;
   * the payments team of 8 in a release crunch) and globex (America/New_York: 16 engineers in teams
   * of 9 and 7, two agents, two services).
   */
  public static List<Tenant> demoTenants() {
    List<Actor> acme = new ArrayList<>();
    int n = 1;
    n = team(acme, "acme", "platform", "acme/platform-infra", 12, n);
    n = team(acme, "acme", "payments", "acme/payments-api", 8, n);
    n = team(acme, "acme", "mobile", "acme/mobile-app", 4, n);
    team(acme, "acme", "data", "acme/data-pipelines", 3, n);
    plant(acme, "acme-u007", Planted.AFTER_HOURS_SURGE);
    plant(acme, "acme-u012", Planted.FAILING_BUILDS);
    // A release crunch: the whole payments team works late, a team-level signal.
    for (int i = 13; i <= 20; i++) {
      plant(acme, String.format(Locale.ROOT, "acme-u%03d", i), Planted.AFTER_HOURS_SURGE);
    }
    acme.add(
        new Actor(
            "acme",
            "agent:acme-coder-1",
            "ai_agent",
            "platform",
            "acme/platform-infra",
            Planted.LLM_HEAVY));
    acme.add(
        new Actor(
            "acme",
            "agent:acme-coder-2",
            "ai_agent",
            "payments",
            "acme/payments-api",
            Planted.NONE));
    acme.add(
        new Actor(
            "acme",
            "agent:acme-reviewer",
            "ai_agent",
            "platform",
            "acme/platform-infra",
            Planted.NONE));
    acme.add(
        new Actor(
            "acme", "svc:acme-ci", "service", "platform", "acme/platform-infra", Planted.NONE));
    acme.add(
        new Actor(
            "acme", "svc:acme-release", "service", "payments", "acme/payments-api", Planted.NONE));
    List<Actor> globex = new ArrayList<>();
    n = team(globex, "globex", "core", "globex/core", 9, 1);
    team(globex, "globex", "web", "globex/web", 7, n);
    plant(globex, "globex-u003", Planted.CONTEXT_SWITCH_STORM);
    plant(globex, "globex-u005", Planted.REVIEW_MENTOR);
    globex.add(
        new Actor(
            "globex", "agent:globex-copilot", "ai_agent", "core", "globex/core", Planted.NONE));
    globex.add(
        new Actor("globex", "agent:globex-fixer", "ai_agent", "web", "globex/web", Planted.NONE));
    globex.add(
        new Actor("globex", "svc:globex-ci", "service", "core", "globex/core", Planted.NONE));
    globex.add(
        new Actor("globex", "svc:globex-deploy", "service", "web", "globex/web", Planted.NONE));
    return List.of(
        new Tenant("acme", ZoneId.of("Europe/Berlin"), acme),
        new Tenant("globex", ZoneId.of("America/New_York"), globex));
  }

  /** Every envelope of the days {@code [from, to]}, none after {@code notAfter}. */
  public List<ObjectNode> envelopes(
      List<Tenant> tenants, LocalDate from, LocalDate to, Instant notAfter) {
    List<ObjectNode> out = new ArrayList<>();
    for (Tenant t : tenants) {
      for (Actor a : t.actors()) {
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
          boolean planted =
              a.planted() != Planted.NONE && !d.isBefore(to.minusDays(plantedDays - 1L));
          out.addAll(day(t, a, d, planted, notAfter));
        }
      }
    }
    return out;
  }

  /** A few envelopes "happening now" for randomly chosen actors, for the live demo stream. */
  public List<ObjectNode> live(List<Tenant> tenants, Instant now, long tick) {
    Random r = new Random(seed ^ tick * 7919);
    List<ObjectNode> out = new ArrayList<>();
    for (Tenant t : tenants) {
      for (int i = 0; i < 10; i++) {
        Actor a = t.actors().get(r.nextInt(t.actors().size()));
        String type = ActivityMix.human(r, a.planted(), true);
        // Ids of this instant, so a resumed demo's ticks never reuse an earlier run's ids.
        out.add(
            envelope(
                t,
                a,
                type,
                now.minusMillis(r.nextInt(4000)),
                "live-" + now.toEpochMilli() + "-" + tick + "-" + i,
                Planted.NONE));
      }
    }
    return out;
  }

  private List<ObjectNode> day(Tenant t, Actor a, LocalDate d, boolean planted, Instant notAfter) {
    Random r = new Random(seed ^ (a.id() + d).hashCode() * 31L);
    List<ObjectNode> out = new ArrayList<>();
    List<ZonedDateTime> times = new ArrayList<>();
    List<String> types = new ArrayList<>();
    if (a.type().equals("human")) {
      if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
        return out;
      }
      int events = 45 + r.nextInt(30);
      int start = 8 + r.nextInt(2);
      int end = 16 + r.nextInt(2);
      for (int i = 0; i < events; i++) {
        boolean late =
            planted && a.planted() == Planted.AFTER_HOURS_SURGE
                ? r.nextDouble() < 0.7
                : r.nextDouble() < 0.03;
        int hour = late ? 19 + r.nextInt(5) : start + r.nextInt(end - start + 1);
        times.add(d.atTime(hour % 24, r.nextInt(60), r.nextInt(60)).atZone(t.zone()));
        types.add(ActivityMix.human(r, planted ? a.planted() : Planted.NONE, false));
      }
      if (planted && a.planted() == Planted.FAILING_BUILDS) {
        for (int i = 0; i < 10 + r.nextInt(6); i++) {
          times.add(d.atTime(start + r.nextInt(end - start), r.nextInt(60)).atZone(t.zone()));
          types.add(r.nextBoolean() ? "build_failed" : "test_failed");
        }
      }
      if (planted && a.planted() == Planted.REVIEW_MENTOR) {
        for (int i = 0; i < 10 + r.nextInt(4); i++) {
          times.add(d.atTime(start + r.nextInt(end - start), r.nextInt(60)).atZone(t.zone()));
          types.add("pr_reviewed");
        }
      }
    } else {
      int perHour = a.type().equals("service") ? 2 : 4;
      for (int h = 0; h < 24; h++) {
        for (int i = 0; i < perHour; i++) {
          times.add(d.atTime(h, r.nextInt(60), r.nextInt(60)).atZone(t.zone()));
          types.add(
              a.type().equals("service")
                  ? ActivityMix.service(r)
                  : ActivityMix.agent(r, planted && a.planted() == Planted.LLM_HEAVY));
        }
      }
    }
    for (int i = 0; i < times.size(); i++) {
      Instant at = times.get(i).toInstant();
      if (!at.isAfter(notAfter)) {
        out.add(
            envelope(t, a, types.get(i), at, d + "-" + i, planted ? a.planted() : Planted.NONE));
      }
    }
    return out;
  }

  private ObjectNode envelope(
      Tenant t, Actor a, String signalType, Instant at, String discriminator, Planted planted) {
    UUID uuid =
        UUID.nameUUIDFromBytes(
            (seed + "|" + a.id() + "|" + discriminator).getBytes(StandardCharsets.UTF_8));
    String id = uuid.toString();
    ObjectNode e =
        Json.MAPPER
            .createObjectNode()
            .put("signal_id", a.tenant() + "-" + id)
            .put("tenant_id", a.tenant())
            .put("actor_id", a.id())
            .put("signal_kind", "event")
            .put("signal_type", signalType)
            .put("occurred_at", at.toString())
            .put("ingested_at", at.plusMillis(800).toString())
            .put("schema_version", "1.0")
            .put("correlation_id", "corr-" + id.substring(0, 8));
    e.putObject("resource")
        .put("service_name", ActivityMix.source(signalType))
        .put("repo", a.repo())
        .put("branch", "main")
        .put("team_id", a.team())
        .put("actor_type", a.type());
    // The event's own random numbers: its payload is the same whichever events around it are sent.
    ActivityMix.payload(
        e.putObject("payload"),
        t,
        a,
        signalType,
        at,
        new Random(uuid.getLeastSignificantBits()),
        planted);
    return e;
  }

  private static int team(
      List<Actor> into, String tenant, String team, String repo, int size, int next) {
    for (int i = 0; i < size; i++) {
      into.add(
          new Actor(
              tenant,
              String.format(Locale.ROOT, "%s-u%03d", tenant, next + i),
              "human",
              team,
              repo,
              Planted.NONE));
    }
    return next + size;
  }

  private static void plant(List<Actor> actors, String id, Planted planted) {
    for (int i = 0; i < actors.size(); i++) {
      Actor a = actors.get(i);
      if (a.id().equals(id)) {
        actors.set(i, new Actor(a.tenant(), a.id(), a.type(), a.team(), a.repo(), planted));
      }
    }
  }
}
