package io.ubi.model.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupRuleTest {
  private static final List<Double> MEMBERS = List.of(0.1, 0.5, 0.2, 0.9, 0.3);

  @Test
  void eachStatisticOfTheMembersValues() {
    assertThat(GroupRule.MEAN.apply(MEMBERS)).isCloseTo(0.4, within(1e-12));
    assertThat(new GroupRule(GroupRule.Statistic.MEDIAN, 0).apply(MEMBERS)).isEqualTo(0.3);
    assertThat(new GroupRule(GroupRule.Statistic.MEDIAN, 0).apply(List.of(1.0, 2.0, 4.0, 9.0)))
        .isEqualTo(3.0);
    assertThat(new GroupRule(GroupRule.Statistic.SUM, 0).apply(List.of(1.0, 2.0, 4.0)))
        .isEqualTo(7.0);
    assertThat(new GroupRule(GroupRule.Statistic.SHARE_ABOVE, 0.3).apply(MEMBERS))
        .as("0.5 and 0.9 of five")
        .isEqualTo(0.4);
    assertThat(GroupRule.MEAN.apply(List.of())).isNull();
  }

  @Test
  void theCatalogueSaysHowAGroupsValueIsMadeAndChecksIt() {
    String feature =
        """
        {"version": 1, "windows_days": [1], "features": [{"name": "late", "dimension": "activity",
          "description": "d", "unit": "ratio", "min_std_dev": 0.1,
          "value": {"count": {"label": "n"}}, "group": %s}]}
        """;
    assertThat(
            FeatureCatalogue.parse(
                    feature.formatted("{\"statistic\": \"share_above\", \"level\": 0.25}"))
                .features()
                .get(0)
                .group())
        .isEqualTo(new GroupRule(GroupRule.Statistic.SHARE_ABOVE, 0.25));
    assertThat(FeatureCatalog.AFTER_HOURS_SHARE.group()).isEqualTo(GroupRule.MEAN);
    assertThatThrownBy(
            () -> FeatureCatalogue.parse(feature.formatted("{\"statistic\": \"share_above\"}")))
        .hasMessageContaining("group.level: share_above needs a numeric level");
    assertThatThrownBy(() -> FeatureCatalogue.parse(feature.formatted("{\"statistic\": \"mode\"}")))
        .hasMessageContaining("group.statistic: must be one of mean, median, sum, share_above");
  }
}
