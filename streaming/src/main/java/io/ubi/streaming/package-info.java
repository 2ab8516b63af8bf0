/**
 * The speed layer: reads {@code SignalEnvelope}s from Kafka with Structured Streaming and, per
 * micro-batch, writes {@code bronze.behavioural_events} exactly once, rejected records to the DLQ
 * topic and {@code bronze.rejected_events}, tenant-filter drops to {@code
 * bronze.dropped_events_audit}; a second query follows bronze and refreshes {@code
 * silver.actor_features_intraday}, then, for tenants that want a signal class near real time, reads
 * {@code silver.feature_baselines} and publishes provisional signals to {@code
 * ubi.behavioural_signals} and {@code gold.behavioural_signals}. The logic lives in the transforms
 * module; this package holds the sources, sinks and triggers.
 */
package io.ubi.streaming;
