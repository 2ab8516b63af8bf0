package io.ubi.model.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What each aggregator computes, against values worked out by hand or by brute force. */
class AggregatorsTest {
  private static final long T0 = 1_780_000_000_000L - 1_780_000_000_000L % 3_600_000L;

  private static EventView at(String type, int minute, Map<String, String> attributes) {
    return new EventView(type, T0 + minute * 60_000L, false, false, attributes);
  }

  @Test
  void countSumAndExtremesReadOnlyMatchingEventsWithNumbers() {
    List<EventView> events =
        List.of(
            at("llm_call", 0, Map.of("tool_calls", "3")),
            at("llm_call", 1, Map.of("tool_calls", "0.5")),
            at("llm_call", 2, Map.of("tool_calls", "lots")),
            at("file_edited", 3, Map.of("tool_calls", "100")));
    EventFilter llm = EventFilter.of("llm_call");
    assertThat(finish(new Count(llm), events)).isEqualTo(3.0);
    assertThat(finish(new Sum(llm, "tool_calls"), events)).isEqualTo(3.5);
    assertThat(finish(Extreme.min(llm, "tool_calls"), events)).isEqualTo(0.5);
    assertThat(finish(Extreme.max(llm, "tool_calls"), events)).isEqualTo(3.0);
    assertThat(finish(Extreme.max(llm, "missing"), events)).isNull();
  }

  @Test
  void activeHoursCountsClockHoursNotHoursOfTheDay() {
    List<EventView> events =
        List.of(
            at("x", 0, Map.of()),
            at("x", 59, Map.of()),
            at("x", 60, Map.of()),
            at("x", 24 * 60 + 5, Map.of()));
    // Hours 0 and 1 of the first day, and hour 0 of the next: three, not two.
    assertThat(finish(new ActiveHours(EventFilter.all()), events)).isEqualTo(3.0);
  }

  @Test
  void everyEventMeansTheSubjectsOwnNotAReviewTheyReceived() {
    List<EventView> events =
        List.of(
            at("commit_created", 0, Map.of()),
            at("pr_review_received", 120, Map.of("counterpart", "a_reviewer")),
            at("pr_reviewed", 180, Map.of("counterpart", "a_colleague")));
    assertThat(finish(new Count(EventFilter.all()), events)).isEqualTo(2.0);
    assertThat(finish(new ActiveHours(EventFilter.all()), events)).isEqualTo(2.0);
    assertThat(finish(new Count(EventFilter.of("pr_review_received")), events)).isEqualTo(1.0);
  }

  @Test
  void gapsAreTheSessionsBetweenSwitchesLeavingOutTimeAway() {
    List<EventView> switches = new ArrayList<>();
    for (int minute : new int[] {0, 90, 120, 130, 600}) {
      switches.add(at("context_switch", minute, Map.of()));
    }
    EventFilter f = EventFilter.of("context_switch");
    // Sessions of 90, 30 and 10 minutes; 470 minutes is beyond 240, time away.
    assertThat(finish(new Gaps(f, Gaps.Statistic.MEAN, 0, 240), switches)).isEqualTo(130.0 / 3);
    assertThat(finish(new Gaps(f, Gaps.Statistic.MAX, 0, 240), switches)).isEqualTo(90.0);
    assertThat(finish(new Gaps(f, Gaps.Statistic.COUNT, 0, 240), switches)).isEqualTo(3.0);
    assertThat(finish(new Gaps(f, Gaps.Statistic.COUNT_AT_LEAST, 60, 240), switches))
        .isEqualTo(1.0);
    assertThat(finish(new Gaps(f, Gaps.Statistic.MEAN, 0, 240), switches.subList(0, 1))).isNull();
    assertThatThrownBy(() -> new Gaps(f, Gaps.Statistic.MEAN, 0, 0))
        .hasMessageContaining("idle_minutes");
  }

  @Test
  void distinctCountIsExactForSmallSetsAndWithinTheSketchErrorForLargeOnes() {
    DistinctCount distinct = new DistinctCount(EventFilter.all(), "counterpart");
    Random random = new Random(7);
    for (int size : new int[] {0, 1, 10, DistinctCount.EXACT_LIMIT, 65, 1_000, 50_000}) {
      List<EventView> events = new ArrayList<>();
      Set<String> truth = new HashSet<>();
      for (int i = 0; i < size * 2; i++) {
        String who = "ps_" + random.nextInt(Math.max(1, size)) + "_" + size;
        events.add(at("pr_reviewed", i % 600, Map.of("counterpart", who)));
        truth.add(who);
      }
      double value = finish(distinct, events);
      if (truth.size() <= DistinctCount.EXACT_LIMIT) {
        assertThat(value).as("exact at %d", truth.size()).isEqualTo(truth.size());
      } else {
        assertThat(value)
            .as("estimate at %d", truth.size())
            .isCloseTo(truth.size(), within(truth.size() * 0.1));
      }
    }
  }

  @Test
  void aStateOfAnotherShapeIsRefusedWithWhatWasExpected() {
    assertThatThrownBy(() -> new Count(EventFilter.all()).load(StateValue.ofLongs(1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LONGS holds 2 value(s), expected 1");
    assertThatThrownBy(() -> new Sum(EventFilter.all(), "x").load(StateValue.ofDoubles(1)))
        .hasMessageContaining("LONGS holds 0 value(s), expected 1");
  }

  @Test
  void attributeFiltersCompareValuesIgnoringCase() {
    EventFilter ai = EventFilter.of("commit_created").where("ai_assisted", "true");
    assertThat(ai.matches(at("commit_created", 0, Map.of("ai_assisted", "TRUE")))).isTrue();
    assertThat(ai.matches(at("commit_created", 0, Map.of("ai_assisted", "false")))).isFalse();
    assertThat(ai.matches(at("commit_created", 0, Map.of()))).isFalse();
    assertThat(ai.matches(at("file_edited", 0, Map.of("ai_assisted", "true")))).isFalse();
  }

  private static <S> Double finish(Aggregator<S> agg, List<EventView> events) {
    return agg.finish(agg.fold(events));
  }
}
