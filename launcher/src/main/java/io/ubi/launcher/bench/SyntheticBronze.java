package io.ubi.launcher.bench;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.lakehouse.EventRows;
import io.ubi.lakehouse.Tables;
import io.ubi.launcher.demo.SyntheticHistory;
import io.ubi.model.contract.BehaviouralEvent;
import io.ubi.model.contract.EnvelopeDecoder;
import io.ubi.model.contract.EnvelopeValidator;
import io.ubi.model.contract.MappingOutcome;
import io.ubi.transforms.Lake;
import io.ubi.transforms.SparkSchemas;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Writes synthetic history straight into bronze, as the speed layer would have left it but with no
 * broker and no stream: the envelopes of an {@link ActorDays} population ({@link
 * SyntheticHistory}'s for the bench), decoded and pseudonymised by the pipeline's own {@link
 * EnvelopeDecoder}, mapped to rows by {@link EventRows} and appended through the {@link Lake}. So
 * the nightly job reads what it reads in production, and every synthetic history follows each
 * change to the contract without a second mapping to keep in step.
 *
 * <p>What is written is the events that happened in a span of time, not those of some days: a
 * night's input is everything that has happened by then, and a tenant's day straddles two UTC days.
 * Events are generated on the executors, one actor at a time, and appended {@value #DAYS_PER_WRITE}
 * days of them per Delta commit: memory stays bounded whatever the size. Each commit holds one file
 * per tenant and UTC day, the layout bronze has after compaction.
 */
public final class SyntheticBronze {
  static final int DAYS_PER_WRITE = 10;
  private static final String APP_ID = "ubi-bench-nightly";

  private final Lake lake;
  private final EnvelopeDecoder decoder;
  private final ActorDays population;
  private final String appId;

  /**
   * The bench's population.
   *
   * @param plantFrom the first local day of the planted behaviours
   */
  SyntheticBronze(
      Lake lake, EnvelopeDecoder decoder, BenchPopulation population, LocalDate plantFrom) {
    this(lake, decoder, new BenchDays(population, plantFrom), APP_ID);
  }

  /**
   * @param appId names the writer in Delta's idempotent appends, one per kind of history
   */
  public SyntheticBronze(Lake lake, EnvelopeDecoder decoder, ActorDays population, String appId) {
    this.lake = lake;
    this.decoder = decoder;
    this.population = population;
    this.appId = appId;
  }

  /** Appends the events that happened in {@code [from, to)} to bronze. */
  public void write(Instant from, Instant to) {
    Duration step = Duration.ofDays(DAYS_PER_WRITE);
    for (Instant start = from; start.isBefore(to); start = start.plus(step)) {
      Instant end = start.plus(step).isBefore(to) ? start.plus(step) : to;
      Dataset<Row> rows =
          lake.spark()
              .range(0, population.actors(), 1, lake.spark().sparkContext().defaultParallelism())
              .flatMap(
                  events(population, decoder, start, end, Instant.now()),
                  Encoders.row(SparkSchemas.of(Tables.BEHAVIOURAL_EVENTS)))
              .repartition(col("tenant_id"), col("dt"));
      // Exactly once per span: a retried write of the same span is a no-op.
      lake.appendOnce(Tables.BEHAVIOURAL_EVENTS, rows, appId, start.getEpochSecond());
    }
  }

  /**
   * One actor's bronze rows of the events in {@code [from, to)}. Its local days reach a day beyond
   * the span's UTC days on each side, and each event is kept only in the span it happened in: every
   * event is written exactly once, whichever spans its local day straddles. Static, so the closure
   * captures values only.
   */
  private static FlatMapFunction<Long, Row> events(
      ActorDays population,
      EnvelopeDecoder decoder,
      Instant from,
      Instant to,
      Instant processedAt) {
    LocalDate firstDay = from.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1);
    LocalDate lastDay = to.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1);
    return index -> {
      List<Row> rows = new ArrayList<>();
      for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
        // No cut-off here: a day is generated alike whichever spans it straddles. Only the span's
        // events are decoded: the validator rejects those of the future.
        for (ObjectNode envelope : population.envelopes(index.intValue(), d)) {
          Instant at = EnvelopeValidator.parseTimestamp(envelope.get("occurred_at").asText());
          if (!at.isBefore(from) && at.isBefore(to)) {
            BehaviouralEvent e = mapped(decoder.decode(envelope));
            // Not read from Kafka: no partition or offset; produced when PM-3 ingested it.
            rows.add(
                SparkSchemas.row(
                    Tables.BEHAVIOURAL_EVENTS,
                    EventRows.toRow(e, new EventRows.Source(-1, -1, e.ingestedAt(), processedAt))));
          }
        }
      }
      return rows.iterator();
    };
  }

  /**
   * The bench's actors: {@link SyntheticHistory}'s days of each, alone in its tenant, with its
   * planted behaviour from {@code plantFrom} on.
   */
  private record BenchDays(BenchPopulation population, LocalDate plantFrom) implements ActorDays {
    @Override
    public int actors() {
      return population.actors();
    }

    @Override
    public List<ObjectNode> envelopes(int index, LocalDate day) {
      SyntheticHistory.Tenant one = population.actorOn(index, day, plantFrom);
      return new SyntheticHistory(population.seed(), 1)
          .envelopes(List.of(one), day, day, Instant.MAX);
    }
  }

  /** Synthetic envelopes are valid by construction; one that is not is a bug to surface. */
  private static BehaviouralEvent mapped(MappingOutcome outcome) {
    if (outcome instanceof MappingOutcome.Mapped m) {
      return m.event();
    }
    throw new IllegalStateException("A synthetic envelope was not accepted: " + outcome);
  }
}
