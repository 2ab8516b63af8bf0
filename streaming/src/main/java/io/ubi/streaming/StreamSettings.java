package io.ubi.streaming;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the event stream.
 *
 * @param maxOffsetsPerTrigger cap on records per micro-batch, so a backlog drains in bounded steps
 * @param intradayTrigger interval of the intraday-features query, which follows bronze
 * @param intradayDays how many days back (today included) the intraday features are refreshed;
 *     older late events still land in bronze and count in the next nightly run
 * @param dedupeHorizon how long the stream remembers the ids it has written, to drop redeliveries
 *     without reading bronze; see {@link MicroBatchProcessor}
 * @param signalsTopic where provisional signals of near-real-time classes are published
 */
public record StreamSettings(
    String bootstrapServers,
    String topic,
    String dlqTopic,
    Path checkpointDir,
    Duration trigger,
    long maxOffsetsPerTrigger,
    Duration intradayTrigger,
    int intradayDays,
    Duration dedupeHorizon,
    String signalsTopic) {

  /** How far in the future of its processing time an event may claim to have happened. */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  public StreamSettings {
    if (dedupeHorizon.compareTo(CLOCK_SKEW.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException(
          "The dedupe horizon must be at least "
              + CLOCK_SKEW.multipliedBy(2).toMinutes()
              + " minutes, got "
              + dedupeHorizon.toMinutes());
    }
  }

  /**
   * Events that happened at most this long before their processing take the fast path (deduped in
   * the stream's state); older ones are deduped against bronze.
   */
  public Duration fastPathLateness() {
    return dedupeHorizon.minus(CLOCK_SKEW);
  }
}
