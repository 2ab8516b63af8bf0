package io.ubi.lakehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the table declarations ({@link Tables}) render to for people and other engines: the {@code
 * docs/tables.md} page and the Trino statements that attach every table.
 */
public final class TableCatalogue {
  private TableCatalogue() {}

  /** The table catalogue as Markdown, the source of {@code docs/tables.md}. */
  public static String catalogueMarkdown() {
    StringBuilder md =
        new StringBuilder(
            "# Table catalogue\n\n"
                + "Generated from `io.ubi.lakehouse.Tables` by `./ubi tables`; do not edit by hand.\n"
                + "Every table is a Delta table under `<data dir>/lake/<layer>/<name>`, partitioned by"
                + " `tenant_id`, `dt`.\n");
    for (TableDef t : Tables.all()) {
      md.append("\n## `")
          .append(t.name())
          .append("`\n\n")
          .append(t.description())
          .append("\n\n")
          .append("Key: `")
          .append(String.join("`, `", t.key()))
          .append("`\n\n");
      if (!t.properties().isEmpty()) {
        md.append("Delta properties: ");
        t.properties()
            .forEach((k, v) -> md.append('`').append(k).append('=').append(v).append("` "));
        md.append("\n\n");
      }
      md.append("| column | type | null | meaning |\n|---|---|---|---|\n");
      for (Column c : t.columns()) {
        md.append("| `")
            .append(c.name())
            .append("` | ")
            .append(c.type().name().toLowerCase(Locale.ROOT))
            .append(" | ")
            .append(c.nullable() ? "yes" : "no")
            .append(" | ")
            .append(c.doc().replace("|", "\\|"))
            .append(" |\n");
      }
    }
    return md.toString();
  }

  /** Trino statements attaching every table to a Delta Lake catalog (see docs). */
  public static List<String> trinoRegistrations(String catalog, String lakeUriPrefix) {
    List<String> sql = new ArrayList<>();
    for (TableDef t : Tables.all()) {
      String schema = t.layer().name().toLowerCase(Locale.ROOT);
      sql.add("CREATE SCHEMA IF NOT EXISTS " + catalog + "." + schema);
      sql.add(
          "CALL "
              + catalog
              + ".system.register_table(schema_name => '"
              + schema
              + "', table_name => '"
              + t.shortName()
              + "', table_location => '"
              + lakeUriPrefix
              + "/"
              + schema
              + "/"
              + t.shortName()
              + "')");
    }
    return sql.stream().distinct().toList();
  }
}
