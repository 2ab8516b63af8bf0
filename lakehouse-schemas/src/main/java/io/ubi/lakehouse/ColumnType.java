package io.ubi.lakehouse;

/** The column types UBI tables use; each engine adapter maps these to its own types. */
public enum ColumnType {
  STRING,
  INT,
  LONG,
  DOUBLE,
  BOOLEAN,
  /** UTC instant; Java value {@link java.time.Instant}. */
  TIMESTAMP,
  /** Calendar date; Java value {@link java.time.LocalDate}. */
  DATE,
  /** map&lt;string,string&gt;; Java value {@code Map<String, String>}. */
  STRING_MAP,
  /** map&lt;string,bigint&gt;; Java value {@code Map<String, Long>}. */
  LONG_MAP,
  /**
   * Mergeable aggregator states by name: map&lt;string, struct&lt;longs: array&lt;bigint&gt;,
   * doubles: array&lt;double&gt;, strings: array&lt;string&gt;, bytes: binary&gt;&gt;, the model's
   * {@code StateValue} (one shape for every aggregator).
   */
  STATE_MAP
}
