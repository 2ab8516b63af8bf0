package io.ubi.it;

import static io.ubi.it.Envelopes.envelope;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.lakehouse.TableDef;
import io.ubi.lakehouse.Tables;
import io.ubi.launcher.UbiRuntime;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PRD FR-9, UT-UBI-05: a human and an AI agent with identical events get identical features, scores
 * and signals, over weeks of history with a planted surge; only their actor type differs.
 */
@ExtendWith(UbiExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActorParityTest {
  private static final String TENANT = "it-twins";
  private static final String HUMAN = "dev-twin";
  private static final String AGENT = "agent:twin";

  private final UbiRuntime ubi;
  private final Api api;

  ActorParityTest(UbiRuntime ubi) {
    this.ubi = ubi;
    this.api = new Api(ubi, TENANT, List.of("ubi:ingest"));
  }

  @BeforeAll
  void loadIdenticalHistoriesAndRunTheNightlyJob() {
    LocalDate to = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    LocalDate from = to.minusDays(27);
    // the last three working days fail most builds: a rework loop
    List<LocalDate> loop = new ArrayList<>();
    for (LocalDate d = to; loop.size() < 3; d = d.minusDays(1)) {
      if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
        loop.add(d);
      }
    }
    List<ObjectNode> events = new ArrayList<>();
    int workday = 0;
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
        continue;
      }
      workday++;
      for (String actor : List.of(HUMAN, AGENT)) {
        String[] types = {
          "file_edited",
          "editor_switch",
          "commit",
          "build_completed_success",
          "build_completed_success",
          "build_completed_success",
          "pr_review_submitted",
          "llm_call",
          "file_edited"
        };
        for (int i = 0; i < types.length; i++) {
          events.add(at(actor, types[i], d, 9 + i, workday % 50));
        }
        // a fourth build: a failure rate needs four builds a day to be judged
        events.add(at(actor, "build_completed_success", d, 12, 30 + workday % 20));
        int failures = loop.contains(d) ? 6 : workday % 3 == 0 ? 1 : 0;
        for (int i = 0; i < failures; i++) {
          events.add(at(actor, "build_completed_failure", d, 16, 5 * i));
        }
      }
    }
    api.ingestAll(events);
    ubi.awaitStreamCaughtUp();
    ubi.nightlyJob().run(from, to);
  }

  private static ObjectNode at(String actor, String type, LocalDate day, int hour, int minute) {
    ObjectNode e =
        envelope(TENANT, actor, type, day.atTime(hour, minute).toInstant(ZoneOffset.UTC));
    ((ObjectNode) e.get("resource"))
        .put("actor_type", actor.startsWith("agent:") ? "ai_agent" : "human");
    return e;
  }

  /** What to compare of a table: the column naming the value, and the value. */
  private record Compared(TableDef table, String name, String value) {}

  @Test
  void featuresScoresAndSignalsAreTheSameAndOnlyTheActorTypeDiffers() {
    for (Compared c :
        List.of(
            new Compared(Tables.ACTOR_FEATURES_DAILY, "feature_name", "value"),
            new Compared(Tables.BEHAVIOURAL_SCORES, "score_name", "score"),
            new Compared(Tables.BEHAVIOURAL_SIGNALS, "rule", "severity"))) {
      Map<String, Object> human = rows(c, HUMAN);
      Map<String, Object> agent = rows(c, AGENT);
      assertThat(human).as(c.table().name()).isNotEmpty().isEqualTo(agent);
    }
    Map<String, Object> agentSignals =
        rows(new Compared(Tables.BEHAVIOURAL_SIGNALS, "rule", "severity"), AGENT);
    assertThat(agentSignals)
        .as("the agent's rework loop is a risk, as the human's is")
        .hasEntrySatisfying(
            agentSignals.keySet().stream()
                .filter(k -> k.endsWith("/rework_loop"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no rework_loop in " + agentSignals)),
            v -> assertThat((String) v).startsWith("WARN/active"));
    assertThat(actorTypes(HUMAN)).containsExactly("human");
    assertThat(actorTypes(AGENT)).containsExactly("ai_agent");
  }

  /** The subject's rows of a table, as day/name to value (or severity and status). */
  private Map<String, Object> rows(Compared c, String actor) {
    Map<String, Object> out = new TreeMap<>();
    for (Row r :
        ubi.lake()
            .read(c.table())
            .where(
                col("tenant_id")
                    .equalTo(TENANT)
                    .and(col("actor_scope").equalTo("actor"))
                    .and(col("actor_or_group_id").equalTo(pseudonym(actor))))
            .collectAsList()) {
      Object v = r.getAs(c.value());
      if (c.table() == Tables.BEHAVIOURAL_SIGNALS) {
        v = v + "/" + r.getAs("status") + "/" + r.getAs("score");
      }
      out.put(r.getAs("dt") + "/" + r.getAs(c.name()), v);
    }
    return out;
  }

  private List<String> actorTypes(String actor) {
    return ubi.lake()
        .read(Tables.BEHAVIOURAL_SCORES)
        .where(
            col("tenant_id")
                .equalTo(TENANT)
                .and(col("actor_or_group_id").equalTo(pseudonym(actor))))
        .select("actor_type")
        .distinct()
        .as(Encoders.STRING())
        .collectAsList();
  }

  private String pseudonym(String actor) {
    return ubi.lake()
        .read(Tables.BEHAVIOURAL_EVENTS)
        .where(col("tenant_id").equalTo(TENANT).and(col("actor_id").equalTo(actor)))
        .select("actor_pseudonym")
        .first()
        .getString(0);
  }
}
