package io.ubi.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.ubi.lakehouse.TableDef;
import io.ubi.lakehouse.Tables;
import io.ubi.launcher.UbiRuntime;
import io.ubi.transforms.Lake;
import io.ubi.transforms.SparkSchemas;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The lakehouse creates its tables as declared, and brings older ones to the declaration. */
@ExtendWith(UbiExtension.class)
class LakeTablesTest {
  private final UbiRuntime ubi;

  LakeTablesTest(UbiRuntime ubi) {
    this.ubi = ubi;
  }

  @Test
  void declaredPropertiesAreSetOnNewTablesAndRestoredOnOldOnes(@TempDir Path dir) {
    assertThat(Tables.BEHAVIOURAL_EVENTS.properties())
        .containsEntry("delta.checkpointInterval", "100");
    assertThat(properties(ubi.lake(), Tables.BEHAVIOURAL_EVENTS))
        .containsEntry("delta.checkpointInterval", "100");

    // Bronze as an earlier version created it: no properties.
    Lake lake = new Lake(ubi.lake().spark(), dir);
    DeltaTable.createIfNotExists(lake.spark())
        .location(lake.location(Tables.BEHAVIOURAL_EVENTS))
        .addColumns(SparkSchemas.of(Tables.BEHAVIOURAL_EVENTS))
        .partitionedBy("tenant_id", "dt")
        .execute();
    assertThat(properties(lake, Tables.BEHAVIOURAL_EVENTS))
        .doesNotContainKey("delta.checkpointInterval");

    lake.ensureTables();
    assertThat(properties(lake, Tables.BEHAVIOURAL_EVENTS))
        .containsEntry("delta.checkpointInterval", "100");
    long version =
        DeltaTable.forPath(lake.spark(), lake.location(Tables.BEHAVIOURAL_EVENTS))
            .history(1)
            .first()
            .getLong(0);
    // Already as declared: nothing more is committed.
    lake.ensureTables();
    assertThat(
            DeltaTable.forPath(lake.spark(), lake.location(Tables.BEHAVIOURAL_EVENTS))
                .history(1)
                .first()
                .getLong(0))
        .isEqualTo(version);
  }

  private static Map<String, String> properties(Lake lake, TableDef table) {
    Row detail = DeltaTable.forPath(lake.spark(), lake.location(table)).detail().first();
    return detail.getJavaMap(detail.fieldIndex("properties"));
  }
}
