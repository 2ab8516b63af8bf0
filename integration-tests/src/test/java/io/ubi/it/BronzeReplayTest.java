package io.ubi.it;

import static io.ubi.it.Envelopes.envelope;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.lakehouse.Tables;
import io.ubi.launcher.UbiRuntime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exactly-once bronze: when Spark replays a micro-batch (its offsets were logged, its commit was
 * not), every write of the batch is a no-op the second time, on both dedupe paths (an on-time event
 * is appended under the batch's transaction id, a late one merged against bronze) and for the
 * rejected and dropped records.
 */
@ExtendWith(UbiExtension.class)
class BronzeReplayTest {
  private static final String TENANT = "it-replay";

  private final UbiRuntime ubi;

  BronzeReplayTest(UbiRuntime ubi) {
    this.ubi = ubi;
  }

  @Test
  void aReplayedMicroBatchWritesEachRecordOnce() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ObjectNode onTime = envelope(TENANT, "dev-ivy", "commit", now.minusSeconds(20));
    ObjectNode late = envelope(TENANT, "dev-ivy", "build_failed", now.minus(Duration.ofHours(3)));
    ObjectNode disabled = envelope(UbiExtension.MINIMAL_TENANT, "dev-ivy", "llm_call", now);
    String topic = "it-replay-" + UUID.randomUUID();
    SparkSession session = ubi.lake().spark().newSession();
    Dataset<Row> records =
        ubi.processor()
            .deduplicated(
                kafkaRecords(
                    session,
                    topic,
                    List.of(
                        onTime.toString(),
                        late.toString(),
                        late.toString(),
                        disabled.toString(),
                        "{\"signal_id\": \"truncated")));

    session.sparkContext().setLocalProperty("sql.streaming.queryId", UUID.randomUUID().toString());
    try {
      ubi.processor().process(records, 3);
      ubi.processor().process(records, 3);
    } finally {
      session.sparkContext().setLocalProperty("sql.streaming.queryId", null);
    }

    List<Row> bronze =
        ubi.lake()
            .read(Tables.BEHAVIOURAL_EVENTS)
            .where(col("tenant_id").equalTo(TENANT))
            .collectAsList();
    assertThat(bronze)
        .extracting(r -> (String) r.getAs("event_id"))
        .containsExactlyInAnyOrder(
            onTime.get("signal_id").asText(), late.get("signal_id").asText());
    Row lateRow =
        bronze.stream()
            .filter(r -> r.getAs("event_id").equals(late.get("signal_id").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(lateRow.<java.time.LocalDate>getAs("dt"))
        .isEqualTo(now.minus(Duration.ofHours(3)).atOffset(ZoneOffset.UTC).toLocalDate());
    assertThat(
            ubi.lake()
                .read(Tables.REJECTED_EVENTS)
                .where(col("kafka_topic").equalTo(topic))
                .count())
        .isEqualTo(1);
    assertThat(
            ubi.lake()
                .read(Tables.DROPPED_EVENTS_AUDIT)
                .where(col("event_id").equalTo(disabled.get("signal_id").asText()))
                .count())
        .isEqualTo(1);
  }

  /** Rows as the Kafka source gives them, at offsets 0.. of partition 0 of {@code topic}. */
  private static Dataset<Row> kafkaRecords(
      SparkSession session, String topic, List<String> values) {
    StructType schema =
        new StructType()
            .add("value", DataTypes.BinaryType)
            .add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType)
            .add("timestamp", DataTypes.TimestampType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      rows.add(
          RowFactory.create(
              values.get(i).getBytes(StandardCharsets.UTF_8), topic, 0, (long) i, Instant.now()));
    }
    return session.createDataFrame(rows, schema);
  }
}
