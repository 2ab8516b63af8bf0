package io.ubi.lakehouse;

/** One declared column. */
public record Column(String name, ColumnType type, boolean nullable, String doc)
    implements java.io.Serializable {
  public static Column required(String name, ColumnType type, String doc) {
    return new Column(name, type, false, doc);
  }

  public static Column optional(String name, ColumnType type, String doc) {
    return new Column(name, type, true, doc);
  }
}
