package io.ubi.transforms;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;

import io.ubi.lakehouse.EventRows;
import io.ubi.lakehouse.Tables;
import io.ubi.model.contract.EnvelopeDecoder;
import io.ubi.model.contract.MappingOutcome;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Decodes Kafka records of {@code SignalEnvelope} JSON with the model's {@link EnvelopeDecoder}:
 * every record becomes exactly one row, with {@code outcome} {@code mapped} (bronze columns
 * filled), {@code dropped} (tenant filter, audited) or {@code rejected} (reason and the record,
 * masked as an accepted event would be, kept for the DLQ).
 */
public final class EnvelopeDecoding {
  public static final String MAPPED = "mapped";
  public static final String DROPPED = "dropped";
  public static final String REJECTED = "rejected";

  /** Bronze columns, all nullable, plus what the other outcomes need. */
  public static final StructType SCHEMA = decodedSchema();

  private EnvelopeDecoding() {}

  /**
   * @param kafkaRecords rows with Kafka source columns {@code value, topic, partition, offset,
   *     timestamp}; a streaming Dataset or a batch one. Every row's {@code processed_at} is {@code
   *     current_timestamp()}: in a stream, the micro-batch's timestamp, which Spark logs with the
   *     batch's offsets so that a replayed batch decodes to the same rows.
   */
  public static Dataset<Row> decode(Dataset<Row> kafkaRecords, EnvelopeDecoder decoder) {
    int base = Tables.BEHAVIOURAL_EVENTS.columns().size();
    return kafkaRecords
        .select(
            col("value"),
            col("topic"),
            col("partition"),
            col("offset"),
            col("timestamp"),
            current_timestamp().as("processed_at"))
        .mapPartitions(
            (MapPartitionsFunction<Row, Row>)
                records -> {
                  List<Row> out = new ArrayList<>();
                  while (records.hasNext()) {
                    out.add(decodeOne(records.next(), decoder, base));
                  }
                  return out.iterator();
                },
            Encoders.row(SCHEMA));
  }

  private static Row decodeOne(Row r, EnvelopeDecoder decoder, int base) {
    Instant processedAt = instant(r.get(5));
    byte[] value = r.isNullAt(0) ? null : (byte[]) r.get(0);
    String text = value == null ? null : new String(value, StandardCharsets.UTF_8);
    String topic = r.getString(1);
    int partition = r.getInt(2);
    long offset = r.getLong(3);
    Instant kafkaTs = instant(r.get(4));
    Object[] cols = new Object[SCHEMA.size()];
    MappingOutcome outcome = decoder.decode(text);
    if (outcome instanceof MappingOutcome.Mapped m) {
      Map<String, Object> row =
          EventRows.toRow(m.event(), new EventRows.Source(partition, offset, kafkaTs, processedAt));
      int i = 0;
      for (Object v : row.values()) {
        cols[i++] = SparkSchemas.external(v);
      }
      cols[base] = MAPPED;
    } else if (outcome instanceof MappingOutcome.Dropped d) {
      fill(cols, d.tenantId(), d.eventId(), partition, offset, kafkaTs, processedAt);
      cols[indexOf("event_type")] = d.eventType();
      cols[base] = DROPPED;
      cols[base + 1] = d.reason();
      cols[base + 4] = d.configVersion();
    } else {
      MappingOutcome.Rejected x = (MappingOutcome.Rejected) outcome;
      fill(
          cols,
          x.tenantId() == null ? "unknown" : x.tenantId(),
          x.eventId(),
          partition,
          offset,
          kafkaTs,
          processedAt);
      cols[base] = REJECTED;
      cols[base + 1] = x.reason();
      // Kept for the DLQ and the rejected table only after the masking an accepted event gets.
      cols[base + 2] = decoder.maskRejected(text, x.tenantId());
    }
    cols[base + 3] = topic;
    return RowFactory.create(cols);
  }

  private static void fill(
      Object[] cols,
      String tenant,
      String eventId,
      int partition,
      long offset,
      Instant kafkaTs,
      Instant processedAt) {
    cols[indexOf("tenant_id")] = tenant;
    cols[indexOf("event_id")] = eventId;
    cols[indexOf("kafka_partition")] = partition;
    cols[indexOf("kafka_offset")] = offset;
    cols[indexOf("kafka_timestamp")] = kafkaTs;
    cols[indexOf("processed_at")] = processedAt;
  }

  private static int indexOf(String column) {
    return Tables.BEHAVIOURAL_EVENTS.columnNames().indexOf(column);
  }

  static Instant instant(Object v) {
    if (v instanceof Instant i) {
      return i;
    }
    return v == null ? null : ((Timestamp) v).toInstant();
  }

  private static StructType decodedSchema() {
    List<StructField> fields = new ArrayList<>();
    for (StructField f : SparkSchemas.of(Tables.BEHAVIOURAL_EVENTS).fields()) {
      fields.add(DataTypes.createStructField(f.name(), f.dataType(), true));
    }
    fields.add(DataTypes.createStructField("outcome", DataTypes.StringType, false));
    fields.add(DataTypes.createStructField("reason", DataTypes.StringType, true));
    fields.add(DataTypes.createStructField("raw", DataTypes.StringType, true));
    fields.add(DataTypes.createStructField("kafka_topic", DataTypes.StringType, true));
    fields.add(DataTypes.createStructField("config_version", DataTypes.IntegerType, true));
    return DataTypes.createStructType(fields);
  }
}
