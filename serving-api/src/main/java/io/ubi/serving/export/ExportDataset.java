package io.ubi.serving.export;

import io.ubi.lakehouse.Column;
import io.ubi.lakehouse.TableDef;
import io.ubi.lakehouse.Tables;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the batch export serves, each from its table: group-level features, scores and signals. The
 * columns are chosen, not the table's whole width: no actor rows are exported at all, and columns
 * whose JSON could carry a pseudonym or a raw input (metadata, evidence, snapshots, inputs, ids of
 * the rows behind a value) stay in the lakehouse. Every column keeps its declared type and meaning
 * ({@code docs/tables.md}).
 */
public enum ExportDataset {
  FEATURES(
      Tables.ACTOR_FEATURES_DAILY,
      "feature_name",
      "dt",
      "actor_scope",
      "actor_or_group_id",
      "feature_name",
      "dimension",
      "window_start",
      "window_end",
      "value",
      "confidence",
      "computed_at"),
  SCORES(
      Tables.BEHAVIOURAL_SCORES,
      "score_name",
      "dt",
      "actor_scope",
      "actor_or_group_id",
      "score_name",
      "dimension",
      "score",
      "confidence",
      "reason",
      "computed_at"),
  SIGNALS(
      Tables.BEHAVIOURAL_SIGNALS,
      "signal_id",
      "dt",
      "actor_scope",
      "actor_or_group_id",
      "signal_id",
      "dimension",
      "signal_type",
      "rule",
      "feature_name",
      "score",
      "severity",
      "status",
      "confidence",
      "reason",
      "intent",
      "expected_outcome",
      "created_at",
      "updated_at",
      "resolved_at");

  /** The group scopes exported; actor rows never are, whatever the caller's roles. */
  public static final List<String> SCOPES = List.of("team", "cohort", "tenant");

  private final TableDef table;
  private final String key;
  private final List<Column> columns;

  ExportDataset(TableDef table, String key, String... columns) {
    this.table = table;
    this.key = key;
    this.columns =
        Arrays.stream(columns)
            .map(
                c ->
                    table
                        .column(c)
                        .orElseThrow(
                            () ->
                                new IllegalStateException(
                                    table.name() + " declares no column " + c + " to export")))
            .toList();
  }

  public TableDef table() {
    return table;
  }

  /** The column that, after day, scope and group, orders and identifies a row. */
  public String key() {
    return key;
  }

  public List<Column> columns() {
    return columns;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The dataset of a path segment, or null. */
  public static ExportDataset fromWire(String name) {
    return Arrays.stream(values()).filter(d -> d.wireName().equals(name)).findFirst().orElse(null);
  }
}
