package io.ubi.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A tenant's own word on who belongs where (PRD FR-3): teams and cohorts by member actor id. It
 * wins over the {@code team_id} the events carry; an actor it does not list keeps the events' team.
 * Cohorts are named groups of peers (e.g. seniority); every tenant also has one cohort per actor
 * type. It holds actor ids as PM-3 sends them, so it is read only where bronze is (the nightly
 * job), which maps them to pseudonyms.
 *
 * @param teams team id to members; an actor is in at most one team
 * @param cohorts cohort id to members; cohorts may overlap
 */
public record Directory(Map<String, Set<String>> teams, Map<String, Set<String>> cohorts)
    implements Serializable {
  public static final Directory EMPTY = new Directory(Map.of(), Map.of());

  public Directory {
    teams = copy(teams);
    cohorts = copy(cohorts);
  }

  /**
   * Reads {@code {"teams": {"payments": ["u1", ...]}, "cohorts": {"seniors": [...]}}}, adding each
   * problem to {@code problems} (paths under {@code directory.}).
   */
  static Directory parse(JsonNode node, List<String> problems) {
    if (node.isMissingNode() || node.isNull()) {
      return EMPTY;
    }
    Map<String, Set<String>> teams = groups("directory.teams", node.path("teams"), problems);
    Map<String, Set<String>> cohorts = groups("directory.cohorts", node.path("cohorts"), problems);
    Map<String, String> teamOf = new HashMap<>();
    teams.forEach(
        (team, members) ->
            members.forEach(
                m -> {
                  String other = teamOf.put(m, team);
                  if (other != null) {
                    problems.add(
                        "directory.teams: '"
                            + m
                            + "' is in both '"
                            + other
                            + "' and '"
                            + team
                            + "'; an actor belongs to one team");
                  }
                }));
    return new Directory(teams, cohorts);
  }

  private static Map<String, Set<String>> groups(
      String path, JsonNode node, List<String> problems) {
    Map<String, Set<String>> groups = new TreeMap<>();
    if (node.isMissingNode()) {
      return groups;
    }
    if (!node.isObject()) {
      problems.add(path + ": must be an object of group id to an array of actor ids");
      return groups;
    }
    node.fields()
        .forEachRemaining(
            e -> {
              Set<String> members = new LinkedHashSet<>();
              if (!e.getValue().isArray()) {
                problems.add(path + "." + e.getKey() + ": must be an array of actor ids");
              } else {
                e.getValue()
                    .forEach(
                        m -> {
                          if (!m.isTextual() || m.asText().isBlank()) {
                            problems.add(
                                path + "." + e.getKey() + ": actor ids must be non-empty strings");
                          } else {
                            members.add(m.asText());
                          }
                        });
              }
              groups.put(e.getKey(), members);
            });
    return groups;
  }

  /** The team the directory puts {@code actorId} in, if any. */
  public Optional<String> teamOf(String actorId) {
    return teams.entrySet().stream()
        .filter(e -> e.getValue().contains(actorId))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /** The cohorts the directory puts {@code actorId} in. */
  public List<String> cohortsOf(String actorId) {
    return cohorts.entrySet().stream()
        .filter(e -> e.getValue().contains(actorId))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  private static Map<String, Set<String>> copy(Map<String, Set<String>> groups) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    groups.forEach((k, v) -> out.put(k, Set.copyOf(v)));
    return Map.copyOf(out);
  }
}
