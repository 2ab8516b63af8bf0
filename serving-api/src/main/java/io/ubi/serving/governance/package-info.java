/**
 * The Data Governance service as UBI calls it: the classification of the text fields an envelope
 * keeps ({@code POST /privacy/v1/classification}), asked by the ingest API. Reads nothing of the
 * lakehouse, writes nothing; a service that cannot answer leaves UBI's own rules in force.
 */
package io.ubi.serving.governance;
