/**
 * The batch layer. {@link io.ubi.batch.NightlyBatchJob} reads {@code bronze.behavioural_events} and
 * writes {@code silver.actor_features_daily} (authoritative, late events included),
 * {@code silver.feature_baselines} and {@code gold.behavioural_signals}, and publishes new and
 * changed signals to {@code ubi.behavioural_signals}.
 */
package io.ubi.batch;
