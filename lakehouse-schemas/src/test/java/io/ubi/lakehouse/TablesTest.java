package io.ubi.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TablesTest {
  @Test
  void theDocumentedCatalogueIsTheDeclaredOne() throws IOException {
    Path doc = Path.of("..", "docs", "tables.md");
    assertThat(Files.readString(doc))
        .as("docs/tables.md is stale: regenerate it with ./ubi tables > docs/tables.md")
        .isEqualTo(TableCatalogue.catalogueMarkdown());
  }

  @Test
  void everyTableIsPartitionedByTenantAndDayButTheConfigHistory() {
    assertThat(Tables.all())
        .isNotEmpty()
        .filteredOn(t -> t != GoldTables.TENANT_CONFIG_VERSIONS)
        .allSatisfy(t -> assertThat(t.partitionBy()).containsExactly("tenant_id", "dt"));
    // Settings are not a day's data: every version is kept for as long as the tenant is.
    assertThat(GoldTables.TENANT_CONFIG_VERSIONS.partitionBy()).containsExactly("tenant_id");
  }

  @Test
  void personalColumnsExistOnlyInBronze() {
    assertThat(Tables.all())
        .filteredOn(t -> t.layer() != Layer.BRONZE)
        .allSatisfy(
            t ->
                assertThat(t.columnNames())
                    .doesNotContain("actor_id", "properties", "raw", "actor_email"));
  }

  @Test
  void aPartitionColumnMustBeDeclared() {
    assertThatThrownBy(
            () ->
                new TableDef(
                    "silver.x",
                    "x",
                    List.of(Column.required("tenant_id", ColumnType.STRING, "tenant")),
                    List.of("tenant_id", "dt"),
                    List.of("tenant_id")))
        .hasMessageContaining("Partition column dt is not declared in silver.x");
  }

  @Test
  void trinoSchemasAreTheLayersWhateverTheDefaultLocale() {
    Locale before = Locale.getDefault();
    // There "SILVER".toLowerCase() is "s\u0131lver", with a dotless i: another schema.
    Locale.setDefault(Locale.forLanguageTag("tr"));
    try {
      assertThat(TableCatalogue.trinoRegistrations("delta", "s3://lake"))
          .contains("CREATE SCHEMA IF NOT EXISTS delta.silver")
          .allSatisfy(sql -> assertThat(sql).doesNotContain("\u0131"));
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void tablesLiveUnderTheirLayer() {
    assertThat(Tables.ACTOR_FEATURES_DAILY.location(Path.of("/lake")))
        .isEqualTo(Path.of("/lake/silver/actor_features_daily"));
  }
}
