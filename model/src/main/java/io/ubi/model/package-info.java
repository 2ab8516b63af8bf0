/**
 * The behavioural model: contracts, feature definitions, baselines, anomaly and signal rules,
 * tenant configuration and privacy rules. Pure Java with Jackson only; no Spark and no HTTP, so
 * both processing layers and the serving API share one definition of every rule.
 */
package io.ubi.model;
