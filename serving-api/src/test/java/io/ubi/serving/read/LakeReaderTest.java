package io.ubi.serving.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.ubi.lakehouse.Tables;
import io.ubi.serving.LakeFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delta Kernel reads: tenant isolation, the inclusive dt range, and Java-typed values. */
class LakeReaderTest {
  private static final LocalDate D1 = LocalDate.parse("2026-02-27");
  private static final LocalDate D2 = LocalDate.parse("2026-02-28");
  private static final LocalDate D3 = LocalDate.parse("2026-03-01");
  private static final Instant AT = Instant.parse("2026-03-01T10:11:12.345678Z");

  @TempDir Path lake;

  @Test
  void aTableThatDoesNotExistYetReadsAsEmpty() {
    assertThat(new LakeReader(lake).read(Tables.BEHAVIOURAL_SIGNALS, "acme", null, null)).isEmpty();
  }

  @Test
  void everyReadSeesTheLatestCommitByDefaultAndReadsOnlyTheFilesItAdded() {
    LakeFixture fixture = new LakeFixture(lake);
    LakeReader reader = new LakeReader(lake);
    fixture.append(
        Tables.ACTOR_FEATURES_DAILY,
        List.of(LakeFixture.feature("acme", "ps_a", "failed_builds", D1, 1, AT)));
    assertThat(values(reader.read(Tables.ACTOR_FEATURES_DAILY, "acme", null, null)))
        .containsExactly(1.0);
    assertThat(reader.cacheStats().fileMisses()).isEqualTo(1);

    fixture.append(
        Tables.ACTOR_FEATURES_DAILY,
        List.of(LakeFixture.feature("acme", "ps_a", "failed_builds", D2, 2, AT)));
    assertThat(values(reader.read(Tables.ACTOR_FEATURES_DAILY, "acme", null, null)))
        .containsExactlyInAnyOrder(1.0, 2.0);
    // The first file's rows were kept: the new version read only the file it added.
    assertThat(reader.cacheStats().fileMisses()).isEqualTo(2);
    assertThat(reader.cacheStats().fileHits()).isEqualTo(1);
    assertThat(values(reader.read(Tables.ACTOR_FEATURES_DAILY, "acme", null, null)))
        .containsExactlyInAnyOrder(1.0, 2.0);
    assertThat(reader.cacheStats().fileMisses()).isEqualTo(2);
    assertThat(reader.cacheStats().rows()).isEqualTo(2);
  }

  @Test
  void withAVersionCheckIntervalAVersionIsServedUntilItPasses() {
    LakeFixture fixture = new LakeFixture(lake);
    LakeReader reader =
        new LakeReader(lake, new LakeReader.Caching(java.time.Duration.ofHours(1), 1000));
    fixture.append(
        Tables.ACTOR_FEATURES_DAILY,
        List.of(LakeFixture.feature("acme", "ps_a", "failed_builds", D1, 1, AT)));
    assertThat(values(reader.read(Tables.ACTOR_FEATURES_DAILY, "acme", null, null)))
        .containsExactly(1.0);
    fixture.append(
        Tables.ACTOR_FEATURES_DAILY,
        List.of(LakeFixture.feature("acme", "ps_a", "failed_builds", D2, 2, AT)));
    assertThat(values(reader.read(Tables.ACTOR_FEATURES_DAILY, "acme", null, null)))
        .as("the version read an hour is trusted for")
        .containsExactly(1.0);
    assertThat(new LakeReader(lake).read(Tables.ACTOR_FEATURES_DAILY, "acme", null, null))
        .hasSize(2);
  }

  @Test
  void keptRowsStayWithinTheirBoundAndEvictedFilesAreReadAgain() {
    LakeFixture fixture = new LakeFixture(lake);
    for (LocalDate d : List.of(D1, D2, D3)) {
      fixture.append(
          Tables.ACTOR_FEATURES_DAILY,
          List.of(
              LakeFixture.feature("acme", "ps_a", "failed_builds", d, 1, AT),
              LakeFixture.feature("acme", "ps_b", "failed_builds", d, 2, AT)));
    }
    LakeReader reader = new LakeReader(lake, new LakeReader.Caching(java.time.Duration.ZERO, 4));
    for (int i = 0; i < 3; i++) {
      assertThat(reader.read(Tables.ACTOR_FEATURES_DAILY, "acme", null, null)).hasSize(6);
      assertThat(reader.cacheStats().rows()).isLessThanOrEqualTo(4);
    }
    assertThat(reader.cacheStats().fileMisses()).isGreaterThan(3);
  }

  @Test
  void keptRowsAreReadOnly() {
    new LakeFixture(lake)
        .append(
            Tables.ACTOR_FEATURES_DAILY,
            List.of(LakeFixture.feature("acme", "ps_a", "failed_builds", D1, 1, AT)));
    Map<String, Object> row =
        new LakeReader(lake).read(Tables.ACTOR_FEATURES_DAILY, "acme", null, null).get(0);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> row.put("value", 9.0))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(row).containsEntry("value", 1.0).containsKey("metadata");
    assertThat(row.keySet()).containsExactlyElementsOf(Tables.ACTOR_FEATURES_DAILY.columnNames());
  }

  @Test
  void aSubjectsRowsAndAColumnsGreatestValueComeFromTheKeptFilesIndexes() {
    new LakeFixture(lake)
        .append(
            Tables.ACTOR_FEATURES_DAILY,
            List.of(
                LakeFixture.feature("acme", "ps_a", "failed_builds", D1, 1, AT),
                LakeFixture.feature("acme", "ps_b", "failed_builds", D1, 5, AT.plusSeconds(60)),
                LakeFixture.feature("acme", "ps_a", "failed_builds", D2, 2, AT),
                LakeFixture.feature("acme", "ps_a", "failed_builds", D3, 3, AT.plusSeconds(5)),
                LakeFixture.feature(
                    "globex", "ps_a", "failed_builds", D2, 20, AT.plusSeconds(999))));
    LakeReader reader = new LakeReader(lake);
    assertThat(values(reader.readSubject(Tables.ACTOR_FEATURES_DAILY, "acme", D1, D2, "ps_a")))
        .containsExactlyInAnyOrder(1.0, 2.0);
    assertThat(values(reader.readSubject(Tables.ACTOR_FEATURES_DAILY, "acme", null, null, "ps_b")))
        .containsExactly(5.0);
    assertThat(reader.readSubject(Tables.ACTOR_FEATURES_DAILY, "acme", null, null, "ps_z"))
        .isEmpty();
    assertThat(reader.<Instant>max(Tables.ACTOR_FEATURES_DAILY, "acme", D2, D3, "computed_at"))
        .contains(AT.plusSeconds(5));
    assertThat(reader.<Instant>max(Tables.ACTOR_FEATURES_DAILY, "acme", null, null, "computed_at"))
        .contains(AT.plusSeconds(60));
    assertThat(
            reader.<Instant>max(Tables.ACTOR_FEATURES_DAILY, "initech", null, null, "computed_at"))
        .isEmpty();
  }

  @Test
  void readsOnlyTheTenantAskedForWithinTheInclusiveDayRange() {
    new LakeFixture(lake)
        .append(
            Tables.ACTOR_FEATURES_DAILY,
            List.of(
                LakeFixture.feature("acme", "ps_a", "failed_builds", D1, 1, AT),
                LakeFixture.feature("acme", "ps_a", "failed_builds", D2, 2, AT),
                LakeFixture.feature("acme", "ps_a", "failed_builds", D3, 3, AT),
                LakeFixture.feature("globex", "ps_g", "failed_builds", D2, 20, AT),
                // A tenant id that starts with another's must not match it.
                LakeFixture.feature("acme2", "ps_x", "failed_builds", D2, 200, AT)));
    LakeReader reader = new LakeReader(lake);

    assertThat(values(reader.read(Tables.ACTOR_FEATURES_DAILY, "acme", D2, D3)))
        .containsExactlyInAnyOrder(2.0, 3.0);
    assertThat(values(reader.read(Tables.ACTOR_FEATURES_DAILY, "acme", null, D2)))
        .containsExactlyInAnyOrder(1.0, 2.0);
    assertThat(values(reader.read(Tables.ACTOR_FEATURES_DAILY, "acme", D3, null)))
        .containsExactly(3.0);
    assertThat(values(reader.read(Tables.ACTOR_FEATURES_DAILY, "globex", null, null)))
        .containsExactly(20.0);
    assertThat(values(reader.read(Tables.ACTOR_FEATURES_DAILY, null, D2, D2)))
        .containsExactlyInAnyOrder(2.0, 20.0, 200.0);
    assertThat(reader.read(Tables.ACTOR_FEATURES_DAILY, "initech", null, null)).isEmpty();
  }

  @Test
  void valuesComeBackAsTheDeclaredJavaTypesIncludingNulls() {
    new LakeFixture(lake)
        .append(
            Tables.FEATURE_BASELINES,
            List.of(LakeFixture.baseline("acme", "ps_a", "active_hours", D3, 7.5, 6.0, 1.5, null)));

    Map<String, Object> row =
        new LakeReader(lake).read(Tables.FEATURE_BASELINES, "acme", null, null).get(0);

    assertThat(row.keySet()).containsExactlyElementsOf(Tables.FEATURE_BASELINES.columnNames());
    assertThat(row.get("tenant_id")).isEqualTo("acme");
    assertThat(row.get("dt")).isEqualTo(D3);
    assertThat(row.get("observed_value")).isEqualTo(7.5);
    assertThat(row.get("data_points")).isEqualTo(30);
    assertThat(row.get("low_confidence")).isEqualTo(false);
    assertThat(row.get("z_score")).isNull();
    assertThat(row.get("last_recomputed_at")).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
  }

  @Test
  void timestampsKeepMicrosecondsAndEachReadSeesTheLatestCommit() {
    LakeFixture fixture = new LakeFixture(lake);
    LakeReader reader = new LakeReader(lake);
    fixture.append(
        Tables.ACTOR_FEATURES_INTRADAY,
        List.of(LakeFixture.feature("acme", "ps_a", "active_hours", D3, 1, AT)));
    assertThat(reader.read(Tables.ACTOR_FEATURES_INTRADAY, "acme", null, null))
        .singleElement()
        .satisfies(r -> assertThat(r.get("computed_at")).isEqualTo(AT));

    fixture.append(
        Tables.ACTOR_FEATURES_INTRADAY,
        List.of(LakeFixture.feature("acme", "ps_a", "active_hours", D3, 2, AT.plusSeconds(60))));
    assertThat(values(reader.read(Tables.ACTOR_FEATURES_INTRADAY, "acme", null, null)))
        .containsExactlyInAnyOrder(1.0, 2.0);
  }

  private static List<Object> values(List<Map<String, Object>> rows) {
    return rows.stream().map(r -> r.get("value")).toList();
  }
}
