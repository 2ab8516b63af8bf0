package io.ubi.batch;

/**
 * Settings of the nightly job.
 *
 * @param bootstrapServers Kafka for the signal stream; blank to skip publishing
 */
public record BatchSettings(String bootstrapServers, String signalsTopic) {}
