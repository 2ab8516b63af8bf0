package io.ubi.serving.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.lakehouse.Tables;
import io.ubi.model.Json;
import io.ubi.model.config.TenantConfigs;
import io.ubi.serving.LakeFixture;
import io.ubi.serving.SignalFixture;
import io.ubi.serving.TestApi;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch export over HTTP: group rows only, in order, in pages whose cursors walk the whole
 * range exactly once, the same rows as JSON lines and as Parquet, and refusals that say what was
 * wrong.
 */
class ExportApiTest {
  static final LocalDate FIRST = LocalDate.parse("2026-02-01");
  static final int DAYS = 20;
  static final List<String> TEAMS = List.of("core", "payments", "web");

  @TempDir static Path dir;
  static TestApi api;
  static String token;
  static String alice;

  @BeforeAll
  static void start() {
    api =
        TestApi.start(
            dir,
            TenantConfigs.of(
                Map.of(
                    "acme",
                    TenantConfigs.parse(
                        "acme", Json.parse("{\"enabled_signal_types\": [\"risk\"]}")))));
    token = api.token("acme", "ubi:read:tenant");
    alice = api.pseudonymizer.pseudonymise("acme", "alice@example.com");
    Instant at = Instant.parse("2026-02-25T02:00:00Z");
    List<Map<String, Object>> features = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      LocalDate dt = FIRST.plusDays(d);
      features.add(LakeFixture.feature("acme", alice, "events", dt, 4, at));
      features.add(LakeFixture.feature("globex", "someone", "events", dt, 4, at));
      for (String team : TEAMS) {
        features.add(group("team", team, "events", dt, at));
        features.add(group("team", team, "after_hours_share", dt, at));
      }
      features.add(group("tenant", "acme", "events", dt, at));
    }
    LakeFixture lake = new LakeFixture(api.lake);
    lake.append(Tables.ACTOR_FEATURES_DAILY, features);
    lake.append(
        Tables.BEHAVIOURAL_SIGNALS,
        List.of(
            SignalFixture.row(
                "s-actor",
                "acme",
                "actor",
                alice,
                "activity",
                "risk",
                "WARN",
                "2026-02-03",
                "2026-02-04T00:00:00Z",
                null),
            SignalFixture.row(
                "s-team",
                "acme",
                "team",
                "core",
                "flow",
                "risk",
                "WARN",
                "2026-02-03",
                "2026-02-04T00:00:00Z",
                null),
            SignalFixture.row(
                "s-opportunity",
                "acme",
                "team",
                "web",
                "flow",
                "opportunity",
                "INFO",
                "2026-02-03",
                "2026-02-04T00:00:00Z",
                null)));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static Map<String, Object> group(
      String scope, String id, String feature, LocalDate dt, Instant at) {
    Map<String, Object> r = LakeFixture.feature("acme", id, feature, dt, 2.5, at);
    r.put("feature_id", scope + "/" + id + "/" + feature + "/" + dt);
    r.put("actor_scope", scope);
    r.put("actor_type", "group");
    r.put("metadata", "{\"members\": 6}");
    return r;
  }

  private static HttpResponse<String> export(String dataset, String query) {
    return api.get("/v1/ubi/export/" + dataset + "?" + query, token);
  }

  private static List<JsonNode> lines(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
    return r.body().lines().map(Json::parse).toList();
  }

  @Test
  void featuresAreGroupRowsOnlyInOrderWithTheDeclaredColumns() {
    List<JsonNode> rows = lines(export("features", "from=2026-02-01&to=2026-02-20"));
    assertThat(rows).hasSize(DAYS * (TEAMS.size() * 2 + 1));
    assertThat(rows)
        .allSatisfy(r -> assertThat(r.get("actor_scope").asText()).isIn("team", "tenant"));
    Set<String> columns = new LinkedHashSet<>();
    rows.get(0).fieldNames().forEachRemaining(columns::add);
    assertThat(columns)
        .containsExactlyElementsOf(
            ExportDataset.FEATURES.columns().stream().map(c -> c.name()).toList());
    String body = String.join("\n", rows.stream().map(JsonNode::toString).toList());
    assertThat(body).doesNotContain(alice).doesNotContain("someone").doesNotContain("members");
    List<String> keys =
        rows.stream()
            .map(
                r ->
                    r.get("dt").asText()
                        + "|"
                        + r.get("actor_scope").asText()
                        + "|"
                        + r.get("actor_or_group_id").asText()
                        + "|"
                        + r.get("feature_name").asText())
            .toList();
    assertThat(keys).isSorted().doesNotHaveDuplicates();
    assertThat(rows.get(0).get("dt").asText()).isEqualTo("2026-02-01");
    assertThat(rows.get(0).get("window_start").asText()).isEqualTo("2026-02-01T00:00:00Z");
  }

  @Test
  void cursorsWalkTheRangeExactlyOnce() {
    List<JsonNode> all = lines(export("features", "from=2026-02-01&to=2026-02-20"));
    List<String> walked = new ArrayList<>();
    String query = "from=2026-02-01&to=2026-02-20&page_size=13";
    int pages = 0;
    HttpResponse<String> r = export("features", query);
    while (true) {
      pages++;
      lines(r).forEach(n -> walked.add(n.toString()));
      var next = r.headers().firstValue("X-Next-Cursor");
      if (next.isEmpty()) {
        break;
      }
      assertThat(r.headers().firstValue("Link").orElseThrow()).contains("rel=\"next\"");
      r = export("features", query + "&cursor=" + next.get());
    }
    assertThat(walked).containsExactlyElementsOf(all.stream().map(JsonNode::toString).toList());
    assertThat(pages).isEqualTo((all.size() + 12) / 13);
  }

  @Test
  void theLinkHeaderIsTheNextPage() {
    HttpResponse<String> first = export("features", "from=2026-02-01&to=2026-02-20&page_size=5");
    String link = first.headers().firstValue("Link").orElseThrow();
    String path = link.substring(1, link.indexOf('>'));
    List<JsonNode> second = lines(api.get(path, token));
    List<JsonNode> both = lines(export("features", "from=2026-02-01&to=2026-02-20&page_size=10"));
    assertThat(second).containsExactlyElementsOf(both.subList(5, 10));
  }

  @Test
  void aCursorIsRefusedWithAnotherRangeOrCaller() {
    String cursor =
        export("features", "from=2026-02-01&to=2026-02-20&page_size=5")
            .headers()
            .firstValue("X-Next-Cursor")
            .orElseThrow();
    HttpResponse<String> otherRange =
        export("features", "from=2026-02-02&to=2026-02-20&cursor=" + cursor);
    assertThat(otherRange.statusCode()).isEqualTo(400);
    assertThat(TestApi.json(otherRange).get("message").asText()).contains("cursor:");
    HttpResponse<String> otherCaller =
        api.get(
            "/v1/ubi/export/features?from=2026-02-01&to=2026-02-20&cursor=" + cursor,
            api.token(
                b ->
                    b.subject("someone-else")
                        .claim("tenant_id", "acme")
                        .claim("roles", List.of("ubi:read:tenant"))));
    assertThat(otherCaller.statusCode()).isEqualTo(400);
  }

  @Test
  void parquetHoldsTheSameRowsAsJsonLines() throws IOException {
    String query = "from=2026-02-05&to=2026-02-06";
    List<JsonNode> json = lines(export("features", query));
    HttpResponse<byte[]> r =
        api.getBytes("/v1/ubi/export/features?" + query + "&format=parquet", token);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/vnd.apache.parquet");
    Path file = dir.resolve("page.parquet");
    Files.write(file, r.body());
    List<String> fromParquet = new ArrayList<>();
    try (ParquetReader<Group> reader =
        ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri()))
            .build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        fromParquet.add(
            LocalDate.ofEpochDay(g.getInteger("dt", 0))
                + "|"
                + g.getString("actor_or_group_id", 0)
                + "|"
                + g.getString("feature_name", 0)
                + "|"
                + g.getDouble("value", 0)
                + "|"
                + Instant.EPOCH.plusNanos(g.getLong("computed_at", 0) * 1000));
      }
    }
    assertThat(fromParquet)
        .containsExactlyElementsOf(
            json.stream()
                .map(
                    n ->
                        n.get("dt").asText()
                            + "|"
                            + n.get("actor_or_group_id").asText()
                            + "|"
                            + n.get("feature_name").asText()
                            + "|"
                            + n.get("value").asDouble()
                            + "|"
                            + n.get("computed_at").asText())
                .toList());
  }

  @Test
  void signalsAreGroupSignalsOfTheClassesTheTenantEmits() {
    List<JsonNode> rows = lines(export("signals", "from=2026-02-01&to=2026-02-20"));
    assertThat(rows).extracting(r -> r.get("signal_id").asText()).containsExactly("s-team");
    assertThat(rows.get(0).has("evidence_refs")).isFalse();
    assertThat(rows.get(0).has("feature_snapshot")).isFalse();
  }

  @Test
  void anEmptyRangeIsAnEmptyPage() {
    HttpResponse<String> r = export("scores", "from=2026-02-01&to=2026-02-20");
    assertThat(lines(r)).isEmpty();
    assertThat(r.headers().firstValue("X-Next-Cursor")).isEmpty();
  }

  @Test
  void badRequestsSayWhatWasWrong() {
    assertThat(message(export("features", "to=2026-02-20"), 400)).contains("from: is required");
    assertThat(message(export("features", "from=2026-02-10&to=2026-02-01"), 400))
        .contains("to: must not be before from");
    assertThat(message(export("features", "from=2025-01-01&to=2026-02-01"), 400))
        .contains("at most 366 days");
    assertThat(message(export("features", "from=2026-02-01&to=2026-02-02&format=csv"), 400))
        .contains("format: must be jsonl or parquet");
    assertThat(message(export("features", "from=2026-02-01&to=2026-02-02&page_size=0"), 400))
        .contains("page_size");
    assertThat(message(export("features", "from=2026-02-01&to=2026-02-02&actor=x"), 400))
        .contains("unknown parameters [actor]");
    assertThat(
            message(
                export(
                    "features",
                    "from=2026-02-01&to=2026-02-02&cursor="
                        + URLEncoder.encode("{}", StandardCharsets.UTF_8)),
                400))
        .contains("cursor:");
    assertThat(message(export("baselines", "from=2026-02-01&to=2026-02-02"), 404))
        .contains("features, scores and signals");
  }

  @Test
  void exportNeedsTheTenantRoleAndStaysInTheTokensTenant() {
    String query = "/v1/ubi/export/features?from=2026-02-01&to=2026-02-02";
    assertThat(api.get(query, api.token("acme", "ubi:read:team", "ubi:read:actor")).statusCode())
        .isEqualTo(403);
    assertThat(api.get(query + "&tenant_id=globex", token).statusCode()).isEqualTo(403);
    HttpResponse<String> privileged =
        api.get(query + "&tenant_id=globex", api.token("acme", "product_ops"));
    assertThat(lines(privileged)).isEmpty();
  }

  private static String message(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return TestApi.json(r).get("message").asText();
  }
}
