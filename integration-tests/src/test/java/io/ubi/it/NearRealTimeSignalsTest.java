package io.ubi.it;

import static io.ubi.it.Envelopes.envelope;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.lakehouse.SignalRows;
import io.ubi.lakehouse.Tables;
import io.ubi.launcher.UbiRuntime;
import io.ubi.model.Json;
import io.ubi.model.signal.BehaviouralSignal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Near-real-time risks (PRD NFR-2): a tenant that delivers risks near real time gets a rework loop
 * from the speed layer as soon as today's failed builds tip it, marked provisional; the nightly run
 * confirms the one the whole day bears out and withdraws the one it does not.
 */
@ExtendWith(UbiExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NearRealTimeSignalsTest {
  private static final String TENANT = UbiExtension.NRT_TENANT;
  private static final String LOOP = "dev-loop";
  private static final String FLAKY = "dev-flaky";

  private final UbiRuntime ubi;
  private final Api api;
  private LocalDate today;
  private Map<String, BehaviouralSignal> provisional;

  NearRealTimeSignalsTest(UbiRuntime ubi) {
    this.ubi = ubi;
    this.api = new Api(ubi, TENANT, List.of("ubi:ingest", "ubi:read:actor"));
  }

  @BeforeAll
  void historyThenATippingDay() {
    today = LocalDate.now(ZoneOffset.UTC);
    LocalDate from = today.minusDays(28);
    List<ObjectNode> history = new ArrayList<>();
    int day = 0;
    for (LocalDate d = from; d.isBefore(today); d = d.plusDays(1)) {
      day++;
      for (String actor : List.of(LOOP, FLAKY)) {
        for (int b = 0; b < 4; b++) {
          history.add(at(actor, "build_completed_success", d, 10, 10 * b));
        }
        history.add(at(actor, "file_edited", d, 9, day % 50));
        history.add(at(actor, "commit", d, 11, 0));
        if (day % 3 == 0) {
          history.add(at(actor, "build_completed_failure", d, 14, 0));
        }
        // yesterday already failed most builds: the first day of the loop
        if (d.equals(today.minusDays(1))) {
          for (int i = 0; i < 6; i++) {
            history.add(at(actor, "build_completed_failure", d, 15, 5 * i));
          }
        }
      }
    }
    ingest(history);
    ubi.nightlyJob().run(from, today.minusDays(1));

    // today: both fail six of nine builds, and the second day of a loop is a risk
    List<ObjectNode> tipping = new ArrayList<>();
    for (String actor : List.of(LOOP, FLAKY)) {
      for (int i = 0; i < 6; i++) {
        tipping.add(envelope(TENANT, actor, "build_completed_failure", earlierToday(i)));
      }
      for (int i = 0; i < 3; i++) {
        tipping.add(envelope(TENANT, actor, "build_completed_success", earlierToday(10 + i)));
      }
    }
    ingest(tipping);
    provisional = new TreeMap<>();
    for (BehaviouralSignal s : signals()) {
      provisional.put(s.actorOrGroupId(), s);
    }
  }

  @Test
  void theSpeedLayerRaisesTheRiskFromTheDaySoFarAndPublishesIt() {
    assertThat(provisional).containsOnlyKeys(pseudonym(LOOP), pseudonym(FLAKY));
    assertThat(provisional.values())
        .allSatisfy(
            s -> {
              assertThat(s.rule()).isEqualTo("rework_loop");
              assertThat(s.provisional()).isTrue();
              assertThat(s.status()).isEqualTo("active");
              assertThat(s.severity()).isEqualTo("WARN");
              assertThat(s.detectedFor()).isEqualTo(today.minusDays(1).toString());
              assertThat(s.reason()).contains("build_failure_rate 0.67");
            });
    List<JsonNode> published =
        Topics.read(
                ubi.bootstrapServers(),
                ubi.config().signalsTopic(),
                r -> r.value().contains("\"" + TENANT + "\""))
            .stream()
            .map(r -> Json.parse(r.value()))
            .filter(j -> j.get("provisional").asBoolean())
            .toList();
    assertThat(published)
        .extracting(j -> j.get("signal_id").asText())
        .containsExactlyInAnyOrderElementsOf(
            provisional.values().stream().map(BehaviouralSignal::signalId).toList());
  }

  @Test
  void theNightlyRunConfirmsWhatTheWholeDayBearsOutAndWithdrawsTheRest() {
    // later today the flaky builds pass again and again: the day as a whole is no loop
    List<ObjectNode> recovery = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      recovery.add(envelope(TENANT, FLAKY, "build_completed_success", earlierToday(20 + i)));
    }
    ingest(recovery);
    ubi.nightlyJob().run(today, today);

    Map<String, BehaviouralSignal> after = new TreeMap<>();
    for (BehaviouralSignal s : signals()) {
      after.put(s.actorOrGroupId(), s);
    }
    BehaviouralSignal loop = after.get(pseudonym(LOOP));
    assertThat(loop.signalId()).isEqualTo(provisional.get(pseudonym(LOOP)).signalId());
    assertThat(loop.provisional()).as("confirmed").isFalse();
    assertThat(loop.status()).isEqualTo("active");
    BehaviouralSignal flaky = after.get(pseudonym(FLAKY));
    assertThat(flaky.status()).isEqualTo("withdrawn");
    assertThat(flaky.reason()).contains("withdrawn");

    Api.Response served =
        api.post(
            "/v1/ubi/query/signals",
            "{\"tenant_id\": \""
                + TENANT
                + "\", \"scope\": \"actor\", \"time_range\": {\"from\": \""
                + today.minusDays(3).atStartOfDay().toInstant(ZoneOffset.UTC)
                + "\", \"to\": \""
                + today.plusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC)
                + "\"}}");
    assertThat(served.status()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    served.body().get("signals").forEach(s -> ids.add(s.get("signal_id").asText()));
    assertThat(ids).contains(loop.signalId()).doesNotContain(flaky.signalId());
  }

  /** An instant earlier today, {@code i} seconds after the first of the ones used. */
  private Instant earlierToday(int i) {
    Instant start = today.atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant base = Instant.now().minusSeconds(300);
    return (base.isBefore(start) ? start : base).plusSeconds(i);
  }

  private void ingest(List<ObjectNode> events) {
    api.ingestAll(events);
    ubi.awaitStreamCaughtUp();
  }

  private List<BehaviouralSignal> signals() {
    return ubi
        .lake()
        .read(Tables.BEHAVIOURAL_SIGNALS)
        .where(col("tenant_id").equalTo(TENANT).and(col("rule").equalTo("rework_loop")))
        .collectAsList()
        .stream()
        .map(r -> SignalRows.fromRow(r::getAs))
        .toList();
  }

  private ObjectNode at(String actor, String type, LocalDate day, int hour, int minute) {
    return envelope(TENANT, actor, type, day.atTime(hour, minute).toInstant(ZoneOffset.UTC));
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
