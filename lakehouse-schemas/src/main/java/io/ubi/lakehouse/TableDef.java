package io.ubi.lakehouse;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A table declaration.
 *
 * @param name {@code layer.noun_grain}, e.g. {@code silver.actor_features_daily}
 * @param key columns that identify a row, used by idempotent merges
 * @param properties Delta table properties, set when the table is created and restored when the
 *     lakehouse starts
 */
public record TableDef(
    String name,
    String description,
    List<Column> columns,
    List<String> partitionBy,
    List<String> key,
    Map<String, String> properties)
    implements java.io.Serializable {

  public TableDef(
      String name,
      String description,
      List<Column> columns,
      List<String> partitionBy,
      List<String> key) {
    this(name, description, columns, partitionBy, key, Map.of());
  }

  public TableDef {
    properties = java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
    columns = List.copyOf(columns);
    partitionBy = List.copyOf(partitionBy);
    key = List.copyOf(key);
    List<String> declared = columns.stream().map(Column::name).toList();
    for (String c : partitionBy) {
      if (!declared.contains(c)) {
        throw new IllegalArgumentException("Partition column " + c + " is not declared in " + name);
      }
    }
  }

  /** This declaration with these Delta table properties. */
  public TableDef withProperties(Map<String, String> tableProperties) {
    return new TableDef(name, description, columns, partitionBy, key, tableProperties);
  }

  public Layer layer() {
    return Layer.valueOf(name.substring(0, name.indexOf('.')).toUpperCase(Locale.ROOT));
  }

  /** The table's last name part, e.g. {@code actor_features_daily}. */
  public String shortName() {
    return name.substring(name.indexOf('.') + 1);
  }

  /** Where the table lives under a lakehouse root: {@code <root>/<layer>/<short name>}. */
  public Path location(Path root) {
    return root.resolve(layer().name().toLowerCase(Locale.ROOT)).resolve(shortName());
  }

  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }
}
