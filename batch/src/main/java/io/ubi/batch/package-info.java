/**
 * The batch layer. {@link io.ubi.batch.NightlyBatchJob} reads {@code bronze.behavioural_events}
 * (the UTC partitions around the tenants' local days it computes) and writes, in this order: {@code
 * silver.actor_feature_states_daily}, {@code silver.group_memberships_daily} and {@code
 * silver.actor_features_daily} (every scope, authoritative, late events included); {@code
 * silver.actor_features_windowed} (merged from the daily states and memberships); {@code
 * silver.layer_parity_daily}; {@code silver.feature_baselines} (from the daily features); {@code
 * gold.behavioural_scores} and {@code gold.behavioural_signals} (from the baselines), publishing
 * new and changed signals to {@code ubi.behavioural_signals} and confirming or withdrawing the
 * speed layer's provisional ones; then the verdicts of the feedback topic into {@code
 * gold.signal_feedback}, and {@code gold.signal_quality} and {@code gold.threshold_proposals} from
 * them. Each stage reads what the one before wrote.
 */
package io.ubi.batch;
