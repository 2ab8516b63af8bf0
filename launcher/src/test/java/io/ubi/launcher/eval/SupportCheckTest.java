package io.ubi.launcher.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.ubi.launcher.eval.SupportCheck.Input;
import io.ubi.launcher.eval.SupportCheck.Violation;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupportCheckTest {
  private static final LocalDate D = LocalDate.parse("2025-11-03");

  private static Input input(String feature) {
    return new Input("sig-1", "rework_loop", "t1", "actor", "ps_a", feature, D);
  }

  @Test
  void anInputWithoutAZScoreOrWithoutABaselineRowIsAViolation() {
    List<Input> inputs =
        List.of(input("build_failure_rate"), input("failed_builds"), input("pr_revisions"));
    Map<String, Boolean> scored =
        Map.of(
            input("build_failure_rate").key(), true,
            input("failed_builds").key(), false);

    List<Violation> violations = SupportCheck.violations(inputs, scored);

    assertThat(violations)
        .extracting(Violation::feature, Violation::dt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("failed_builds", D),
            org.assertj.core.groups.Tuple.tuple("pr_revisions", D));
    assertThat(violations.get(0).why()).contains("minimum support");
    assertThat(violations.get(1).why()).contains("no baseline row");
  }

  @Test
  void inputsScoredOnTheirDayPass() {
    assertThat(SupportCheck.violations(List.of(input("a")), Map.of(input("a").key(), true)))
        .isEmpty();
    Input otherDay = new Input("sig-1", "rework_loop", "t1", "actor", "ps_a", "a", D.plusDays(1));
    assertThat(SupportCheck.violations(List.of(otherDay), Map.of(input("a").key(), true)))
        .hasSize(1);
  }
}
