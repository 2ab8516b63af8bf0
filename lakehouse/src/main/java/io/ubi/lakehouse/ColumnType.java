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
  STRING_MAP
}
