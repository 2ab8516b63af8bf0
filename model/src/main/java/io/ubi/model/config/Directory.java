package io.ubi.model.config;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

  /** The team the directory puts {@code actorId} in, if any. */
  public Optional<String> teamOf(String actorId) {
    return teams.entrySet().stream().filter(e -> e.getValue().contains(actorId))
        .map(Map.Entry::getKey).findFirst();
  }

  /** The cohorts the directory puts {@code actorId} in. */
  public List<String> cohortsOf(String actorId) {
    return cohorts.entrySet().stream().filter(e -> e.getValue().contains(actorId))
        .map(Map.Entry::getKey).sorted().toList();
  }

  private static Map<String, Set<String>> copy(Map<String, Set<String>> groups) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    groups.forEach((k, v) -> out.put(k, Set.copyOf(v)));
    return Map.copyOf(out);
  }
}
