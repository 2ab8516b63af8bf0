package io.ubi.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticHistoryTest {
  private final SyntheticHistory history = new SyntheticHistory(DemoCommand.SEED, 4);
  private final List<SyntheticHistory.Tenant> tenants = SyntheticHistory.demoTenants();

  @Test
  void liveEventsOfAResumedRunNeverReuseAnEarlierRunsIds() {
    Instant firstRun = Instant.parse("2026-11-23T10:00:00Z");
    Instant secondRun = firstRun.plusSeconds(3600);
    // Both runs count their ticks from 0.
    Set<String> first = ids(history.live(tenants, firstRun, 0));
    Set<String> second = ids(history.live(tenants, secondRun, 0));
    assertThat(first).hasSize(20);
    assertThat(second).hasSize(20).doesNotContainAnyElementsOf(first);
  }

  @Test
  void aDaysHistoryIsTheSameWhicheverRunGeneratesIt() {
    LocalDate day = LocalDate.parse("2026-11-10");
    List<ObjectNode> once = history.envelopes(tenants, day, day, Instant.MAX);
    List<ObjectNode> again =
        new SyntheticHistory(DemoCommand.SEED, 4).envelopes(tenants, day, day, Instant.MAX);
    assertThat(once).isNotEmpty().isEqualTo(again);
  }

  @Test
  void actorIdsAreTheSameWhateverTheDefaultLocale() {
    Locale before = Locale.getDefault();
    // Arabic-Indic digits there: acme-u001 would be another actor, with other digits.
    Locale.setDefault(Locale.forLanguageTag("ar-EG"));
    try {
      assertThat(SyntheticHistory.demoTenants()).isEqualTo(tenants);
    } finally {
      Locale.setDefault(before);
    }
  }

  private static Set<String> ids(List<ObjectNode> envelopes) {
    return envelopes.stream().map(e -> e.path("signal_id").asText()).collect(Collectors.toSet());
  }
}
