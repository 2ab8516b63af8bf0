package io.ubi.batch;

/**
 * Settings of the nightly job.
 *
 * @param bootstrapServers Kafka for the signal stream; blank to skip publishing
 * @param signalsTopic the topic signals are published to
 * @param lateLookbackDays how many days before a run's range it checks for events that reached
 *     bronze after their day's features were computed, and recomputes from the earliest such day
 */
public record BatchSettings(String bootstrapServers, String signalsTopic, int lateLookbackDays) {
  public static final int DEFAULT_LATE_LOOKBACK_DAYS = 30;

  public BatchSettings {
    if (lateLookbackDays < 0) {
      throw new IllegalArgumentException("lateLookbackDays must be >= 0, was " + lateLookbackDays);
    }
  }
}
