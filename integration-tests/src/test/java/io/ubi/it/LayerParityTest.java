package io.ubi.it;

import static io.ubi.it.Envelopes.batch;
import static io.ubi.it.Envelopes.envelope;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.lakehouse.TableDef;
import io.ubi.lakehouse.Tables;
import io.ubi.launcher.UbiRuntime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One definition, two layers: the same day's events give the speed layer's intraday features and
 * the nightly job's daily features, value for value, and the nightly run records that figure in
 * {@code silver.layer_parity_daily}.
 */
@ExtendWith(UbiExtension.class)
class LayerParityTest {
  private static final String TENANT = "it-parity";
  private static final String[] TYPES = {
    "file_edited",
    "editor_switch",
    "commit",
    "llm_call",
    "build_completed_failure",
    "pr_review_submitted",
    "file_edited"
  };

  private final UbiRuntime ubi;
  private final Api api;

  LayerParityTest(UbiRuntime ubi) {
    this.ubi = ubi;
    this.api = new Api(ubi, TENANT, List.of("ubi:ingest"));
  }

  @Test
  void bothLayersGiveTheSameFeaturesForTheSameDayAndTheNightlyRunSaysSo() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
    long elapsed =
        Math.max(1, now.getEpochSecond() - today.atStartOfDay().toEpochSecond(ZoneOffset.UTC) - 1);
    List<ObjectNode> events = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      events.add(
          envelope(
              TENANT,
              "dev-" + i % 3,
              TYPES[i % TYPES.length],
              now.minusSeconds(i * 997L % elapsed)));
    }
    assertThat(api.post("/v1/signals/ingest", batch(events)).status()).isEqualTo(200);
    ubi.awaitStreamCaughtUp();

    ubi.nightlyJob().run(today, today);

    Map<String, Double> stream = values(Tables.ACTOR_FEATURES_INTRADAY, today);
    Map<String, Double> nightly = values(Tables.ACTOR_FEATURES_DAILY, today);
    assertThat(nightly).hasSizeGreaterThanOrEqualTo(3 * 4).containsOnlyKeys(stream.keySet());
    nightly.forEach((k, v) -> assertThat(stream.get(k)).as(k).isCloseTo(v, within(1e-9)));

    Row parity =
        ubi.lake()
            .read(Tables.LAYER_PARITY_DAILY)
            .where(col("tenant_id").equalTo(TENANT).and(col("dt").equalTo(today)))
            .first();
    assertThat(parity.<Long>getAs("compared")).isEqualTo((long) nightly.size());
    assertThat(parity.<Long>getAs("mismatched")).isZero();
    assertThat(parity.<Long>getAs("only_in_stream")).isZero();
    assertThat(parity.<Long>getAs("only_in_batch")).isZero();
  }

  private Map<String, Double> values(TableDef table, LocalDate day) {
    Map<String, Double> values = new HashMap<>();
    for (Row r :
        ubi.lake()
            .read(table)
            .where(
                col("tenant_id")
                    .equalTo(TENANT)
                    .and(col("dt").equalTo(day))
                    .and(col("actor_scope").equalTo("actor")))
            .collectAsList()) {
      values.put(r.getAs("actor_or_group_id") + "/" + r.getAs("feature_name"), r.getAs("value"));
    }
    return values;
  }
}
