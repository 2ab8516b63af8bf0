/**
 * The speed layer: reads {@code SignalEnvelope}s from Kafka with Structured Streaming and, per
 * micro-batch, writes {@code bronze.behavioural_events} exactly once, rejected records to the DLQ
 * topic and {@code bronze.rejected_events}, tenant-filter drops to {@code
 * bronze.dropped_events_audit}, and refreshes {@code silver.actor_features_intraday}. The logic
 * lives in the transforms module; this package holds the source, sinks and trigger.
 */
package io.ubi.streaming;
