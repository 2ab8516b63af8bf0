package io.ubi.model.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The laws every aggregator keeps, on random event streams (seeded, so a failure names the seed
 * that reproduces it): folding in any split and merging gives what folding the whole stream gives,
 * in either order; zero is neutral; a stored state loads back to the same value.
 */
class AggregatorLawsTest {
  private static final List<String> TYPES =
      List.of("context_switch", "file_edited", "commit_created", "pr_reviewed", "llm_call");
  private static final long DAY_START = 1_780_000_000_000L;

  static Stream<Aggregator<?>> aggregators() {
    EventFilter edits = EventFilter.of("file_edited", "commit_created");
    return Stream.of(
        new Count(EventFilter.all()),
        new Count(edits.afterHours()),
        new Count(EventFilter.of("commit_created").where("ai_assisted", "true")),
        new Sum(EventFilter.all(), "tool_calls"),
        Extreme.min(EventFilter.all(), "tool_calls"),
        Extreme.max(edits, "tool_calls"),
        new DistinctCount(EventFilter.all(), "work_item"),
        new DistinctCount(EventFilter.all(), "counterpart"),
        new ActiveHours(EventFilter.all()),
        new ActiveHours(EventFilter.all().afterHours()),
        new Gaps(EventFilter.of("context_switch"), Gaps.Statistic.MEAN, 0, 240),
        new Gaps(EventFilter.of("context_switch"), Gaps.Statistic.MAX, 0, 240),
        new Gaps(EventFilter.all(), Gaps.Statistic.COUNT_AT_LEAST, 60, 240));
  }

  @ParameterizedTest
  @MethodSource("aggregators")
  <S> void mergingFoldsOfAnySplitEqualsFoldingTheWhole(Aggregator<S> agg) {
    for (long seed = 1; seed <= 300; seed++) {
      Random random = new Random(seed);
      List<EventView> events = events(random, random.nextInt(seed % 10 == 0 ? 400 : 40));
      int cut = events.isEmpty() ? 0 : random.nextInt(events.size() + 1);
      List<EventView> a = events.subList(0, cut);
      List<EventView> b = events.subList(cut, events.size());
      StateValue whole = agg.store(agg.fold(events));
      assertThat(agg.store(agg.merge(agg.fold(a), agg.fold(b))))
          .as("seed %d", seed)
          .isEqualTo(whole);
      assertThat(agg.store(agg.merge(agg.fold(b), agg.fold(a))))
          .as("seed %d, b then a", seed)
          .isEqualTo(whole);
      assertThat(agg.store(agg.merge(agg.zero(), agg.fold(events))))
          .as("zero, seed %d", seed)
          .isEqualTo(whole);
      assertThat(agg.store(agg.load(whole))).as("stored, seed %d", seed).isEqualTo(whole);
      assertThat(agg.stateSchema().check(whole)).isEqualTo(whole);
    }
  }

  @ParameterizedTest
  @MethodSource("aggregators")
  <S> void mergeIsAssociative(Aggregator<S> agg) {
    for (long seed = 1; seed <= 100; seed++) {
      Random random = new Random(seed);
      List<EventView> x = events(random, random.nextInt(60));
      List<EventView> y = events(random, random.nextInt(60));
      List<EventView> z = events(random, random.nextInt(60));
      StateValue left = agg.store(agg.merge(agg.merge(agg.fold(x), agg.fold(y)), agg.fold(z)));
      StateValue right = agg.store(agg.merge(agg.fold(x), agg.merge(agg.fold(y), agg.fold(z))));
      assertThat(left).as("seed %d", seed).isEqualTo(right);
      assertThat(agg.finish(agg.load(left))).isEqualTo(agg.finish(agg.load(right)));
    }
  }

  /** A day of random events, a few of them carrying attributes, some outside working hours. */
  static List<EventView> events(Random random, int n) {
    List<EventView> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, String> attributes = new HashMap<>();
      if (random.nextInt(3) == 0) {
        attributes.put("work_item", "WI-" + random.nextInt(n < 100 ? 8 : 500));
      }
      if (random.nextInt(4) == 0) {
        attributes.put("counterpart", "ps_" + random.nextInt(12));
      }
      if (random.nextInt(3) == 0) {
        attributes.put(
            "tool_calls",
            random.nextInt(5) == 0 ? "n/a" : String.valueOf(random.nextInt(20) / 4.0));
      }
      if (random.nextBoolean()) {
        attributes.put("ai_assisted", String.valueOf(random.nextBoolean()));
      }
      events.add(
          new EventView(
              TYPES.get(random.nextInt(TYPES.size())),
              DAY_START + (long) random.nextInt(36 * 3600) * 1000,
              random.nextInt(4) == 0,
              random.nextInt(5) == 0,
              attributes));
    }
    return events;
  }
}
