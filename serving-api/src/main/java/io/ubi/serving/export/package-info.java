/**
 * The batch export (PRD FR-11): reads {@code silver.actor_features_daily}, {@code
 * gold.behavioural_scores} and {@code gold.behavioural_signals} through the API's {@link
 * io.ubi.serving.read.LakeReader}, group rows only, and writes pages of JSON lines or Parquet to
 * the HTTP answer. Writes nothing to the lakehouse.
 */
package io.ubi.serving.export;
