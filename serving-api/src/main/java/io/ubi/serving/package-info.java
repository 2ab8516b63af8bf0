/**
 * The serving API (Javalin, no Spark). Writes nothing to the lakehouse: ingest publishes envelopes
 * to Kafka; the read endpoints read {@code silver} and {@code gold} through Delta Kernel. Every
 * endpoint is authenticated, and the tenant always comes from the verified token.
 */
package io.ubi.serving;
