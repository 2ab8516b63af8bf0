package io.ubi.batch;

/**
 * Settings of the nightly job.
 *
 * @param bootstrapServers Kafka for the signal stream and the feedback topic; blank to skip both
 * @param signalsTopic the topic signals are published to
 * @param lateLookbackDays how many days before a run's range it checks for events that reached
 *     bronze after their day's features were computed, and recomputes from the earliest such day
 * @param feedbackTopic the compacted topic the API publishes verdicts on signals to
 */
public record BatchSettings(
    String bootstrapServers, String signalsTopic, int lateLookbackDays, String feedbackTopic) {
  public static final int DEFAULT_LATE_LOOKBACK_DAYS = 30;
  public static final String DEFAULT_FEEDBACK_TOPIC = "ubi.signal_feedback";

  public BatchSettings {
    if (lateLookbackDays < 0) {
      throw new IllegalArgumentException("lateLookbackDays must be >= 0, was " + lateLookbackDays);
    }
  }

  /** With the default feedback topic. */
  public BatchSettings(String bootstrapServers, String signalsTopic, int lateLookbackDays) {
    this(bootstrapServers, signalsTopic, lateLookbackDays, DEFAULT_FEEDBACK_TOPIC);
  }

  /** Whether a broker is configured: without one nothing is published or read from topics. */
  public boolean hasBroker() {
    return bootstrapServers != null && !bootstrapServers.isBlank();
  }
}
