package io.ubi.model.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class GroupDisclosureTest {
  private static Set<String> people(String prefix, int n) {
    Set<String> s = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      s.add(prefix + i);
    }
    return s;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> s = new TreeSet<>(a);
    s.addAll(b);
    return s;
  }

  @Test
  void aGroupOfFewerThanKPeopleIsWithheld() {
    Map<String, Set<String>> groups = new LinkedHashMap<>();
    groups.put("big", people("b", 5));
    groups.put("small", people("s", 4));
    assertThat(GroupDisclosure.publishable(groups, 5)).containsExactly("big");
  }

  @Test
  void aCohortOneLargerThanATeamWouldSingleThatPersonOutSoTheTeamIsWithheld() {
    Map<String, Set<String>> groups = new LinkedHashMap<>();
    Set<String> team = people("t", 6);
    groups.put("team", team);
    groups.put("seniors", union(team, Set.of("x")));
    assertThat(GroupDisclosure.publishable(groups, 5)).containsExactly("seniors");
  }

  @Test
  void aTenantMinusItsPublishedTeamsMustLeaveNoneOrAtLeastK() {
    Set<String> a = people("a", 12);
    Set<String> b = people("b", 8);
    Set<String> rest = people("r", 3);
    Map<String, Set<String>> groups = new LinkedHashMap<>();
    groups.put("platform", a);
    groups.put("payments", b);
    groups.put("tenant", union(union(a, b), rest));
    // tenant - platform - payments = the 3 people of a small team: withhold payments, leaving 11.
    assertThat(GroupDisclosure.publishable(groups, 5))
        .containsExactlyInAnyOrder("platform", "tenant");

    groups.put("tenant", union(union(a, b), people("r", 7)));
    assertThat(GroupDisclosure.publishable(groups, 5))
        .containsExactlyInAnyOrder("platform", "payments", "tenant");
  }

  @Test
  void groupsWithTheSamePeopleDoNotSingleAnyoneOut() {
    Map<String, Set<String>> groups = new LinkedHashMap<>();
    groups.put("tenant", people("p", 9));
    groups.put("actor_type:human", people("p", 9));
    assertThat(GroupDisclosure.publishable(groups, 5)).hasSize(2);
  }
}
