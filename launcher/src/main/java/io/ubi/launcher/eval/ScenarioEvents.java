package io.ubi.launcher.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One actor-day's envelopes as PM-3 sends them: the tenant's spelling of each event type, the
 * source it comes from, the team and actor type in {@code resource}, a person's own time zone on
 * every event of theirs, and the payload fields the taxonomy's attributes are read from. Ids are
 * derived from the seed, the actor, the day and the event's position, so a day is the same whoever
 * generates it.
 */
final class ScenarioEvents {
  private final long seed;
  private final ActorPlan actor;
  private final LocalDate day;
  private final List<ObjectNode> out = new ArrayList<>();

  ScenarioEvents(long seed, ActorPlan actor, LocalDate day) {
    this.seed = seed;
    this.actor = actor;
    this.day = day;
  }

  /**
   * Adds an event of a canonical type at {@code at}, on work item {@code workItem} (null for none),
   * and returns its payload for the type's own fields.
   */
  ObjectNode add(String canonical, ZonedDateTime at, String workItem) {
    int n = out.size();
    String signalType = actor.tenant().spelling(canonical, n);
    UUID uuid =
        UUID.nameUUIDFromBytes(
            (seed + "|" + actor.actorId() + "|" + day + "|" + n).getBytes(StandardCharsets.UTF_8));
    Instant instant = at.toInstant();
    ObjectNode e =
        Json.MAPPER
            .createObjectNode()
            .put("signal_id", actor.tenant().id() + "-" + uuid)
            .put("tenant_id", actor.tenant().id())
            .put("actor_id", actor.actorId())
            .put("signal_kind", "event")
            .put("signal_type", signalType)
            .put("occurred_at", instant.toString())
            .put("ingested_at", instant.plusMillis(1500).toString())
            .put("schema_version", "1.0")
            .put("correlation_id", "corr-" + uuid.toString().substring(0, 8));
    String team = ScenarioPopulation.teamId(actor.team());
    ObjectNode resource =
        e.putObject("resource")
            .put("service_name", source(canonical))
            .put("repo", actor.tenant().id() + "/" + team)
            .put("branch", "main")
            .put("team_id", team)
            .put("actor_type", actor.actorType());
    if (actor.kind().human()) {
      resource.put("time_zone", actor.zone().getId());
    }
    ObjectNode payload = e.putObject("payload");
    if (workItem != null) {
      payload.put("ticket_id", workItem);
    }
    out.add(e);
    return payload;
  }

  /** Adds a collaboration event with {@code colleague} (an actor index) as its counterpart. */
  void withColleague(
      String canonical, ZonedDateTime at, ScenarioPopulation population, int colleague) {
    int team = colleague / ScenarioPopulation.TEAM_SEATS;
    add(canonical, at, null)
        .put("counterpart_id", population.actorId(colleague))
        .put("counterpart_team", ScenarioPopulation.teamId(team));
  }

  List<ObjectNode> envelopes() {
    return out;
  }

  /** A work item key of the actor's team, e.g. {@code T03-4217}. */
  String workItem(int number) {
    return String.format(Locale.ROOT, "T%02d-%d", actor.team(), number);
  }

  private static String source(String type) {
    if (type.startsWith("llm") || type.startsWith("tool")) {
      return "llm_gateway";
    } else if (type.startsWith("build") || type.startsWith("test")) {
      return "ci";
    } else if (type.startsWith("pr") || type.startsWith("review")) {
      return "code_review";
    } else if (type.startsWith("commit")) {
      return "git";
    } else if (type.startsWith("work_item")) {
      return "tickets";
    } else if (type.startsWith("mention")) {
      return "collaboration";
    } else if (type.startsWith("gate")
        || type.startsWith("policy")
        || type.startsWith("override")) {
      return "policy";
    }
    return "ide";
  }
}
