package io.ubi.model.privacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which group results may be published together without singling anyone out (PRD FR-8, PR-UBI-02):
 * k-anonymity for each group, and complementary suppression across groups.
 *
 * <p>Only people count towards k. An agent's or a service's values are published on their own, so a
 * team of two people and three agents is a team of two: its mean minus the agents' values is the
 * people's. A group passes when at least k people stand behind its value. Groups of the same
 * tenant, day and feature can still be subtracted from each other: a cohort of a team plus one
 * person, minus the team, is that person; a tenant minus its published teams is everyone outside
 * them. So a group is also withheld when the people of a larger group not covered by the published
 * groups nested in it are between 1 and k - 1; the smallest nested group goes first, until nothing
 * changes. It does not defend against differences across days or features.
 */
public final class GroupDisclosure {
  private GroupDisclosure() {}

  /**
   * @param people the people (pseudonyms) behind each group's value, by group id
   * @param k the minimum number of people (at least 5)
   * @return the ids of the groups that may be published
   */
  public static Set<String> publishable(Map<String, Set<String>> people, int k) {
    Map<String, Set<String>> published = new LinkedHashMap<>();
    people.forEach(
        (id, members) -> {
          if (members.size() >= k) {
            published.put(id, members);
          }
        });
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Map.Entry<String, Set<String>> outer : new ArrayList<>(published.entrySet())) {
        String withheld = residualLeak(outer.getKey(), outer.getValue(), published, k);
        if (withheld != null) {
          published.remove(withheld);
          changed = true;
          break;
        }
      }
    }
    return published.keySet();
  }

  /**
   * The nested group to withhold so that {@code outer} minus its published nested groups does not
   * single out fewer than k people, or null when it does not.
   */
  private static String residualLeak(
      String outerId, Set<String> outer, Map<String, Set<String>> published, int k) {
    List<Map.Entry<String, Set<String>>> nested = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : published.entrySet()) {
      if (!e.getKey().equals(outerId)
          && outer.containsAll(e.getValue())
          && !e.getValue().equals(outer)) {
        nested.add(e);
      }
    }
    // Largest first, each disjoint from those taken: a partition of the outer group, as teams are.
    nested.sort(
        Comparator.comparingInt((Map.Entry<String, Set<String>> e) -> e.getValue().size())
            .reversed()
            .thenComparing(Map.Entry::getKey));
    Set<String> covered = new HashSet<>();
    List<Map.Entry<String, Set<String>>> taken = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : nested) {
      if (e.getValue().stream().noneMatch(covered::contains)) {
        covered.addAll(e.getValue());
        taken.add(e);
      }
    }
    int residual = outer.size() - covered.size();
    if (taken.isEmpty() || residual == 0 || residual >= k) {
      return null;
    }
    return taken.get(taken.size() - 1).getKey();
  }
}
