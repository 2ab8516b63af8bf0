/**
 * The serving API (Javalin, no Spark). Ingest publishes envelopes to Kafka and verdicts on signals
 * to the feedback topic; the read endpoints read {@code silver} and {@code gold} through Delta
 * Kernel; the config endpoints read and store tenants' settings through a {@link
 * io.ubi.serving.config.ConfigRepository} (the lakehouse's versioned store, wired by the launcher).
 * Every endpoint is authenticated, and the tenant always comes from the verified token.
 */
package io.ubi.serving;
