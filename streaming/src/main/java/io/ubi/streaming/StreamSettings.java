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
 */
public record StreamSettings(
    String bootstrapServers,
    String topic,
    String dlqTopic,
    Path checkpointDir,
    Duration trigger,
    long maxOffsetsPerTrigger,
    Duration intradayTrigger,
    int intradayDays) {}
