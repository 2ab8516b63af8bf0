package io.ubi.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ubi.model.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property: whatever a caller with every role sends to any endpoint, the API answers without a 500,
 * and every refusal has the one error shape ({@code error}, {@code message}, {@code request_id}).
 * Bodies are random text, random JSON, and valid requests with one known field replaced by random
 * JSON (the likeliest way to reach code past the first checks); query strings are random too. jqwik
 * shrinks a failure to a small body and prints its seed.
 */
class RandomRequestsTest {
  private static final String TENANT = "prop";
  private static final List<String> KNOWN_KEYS =
      List.of(
          "signal_id",
          "tenant_id",
          "actor_id",
          "signal_kind",
          "signal_type",
          "occurred_at",
          "ingested_at",
          "schema_version",
          "resource",
          "payload",
          "privacy_tags",
          "filters",
          "scope",
          "time_range",
          "from",
          "to",
          "min_severity",
          "signal_types",
          "team_ids",
          "actor_ids",
          "dimensions",
          "page_size",
          "cursor",
          "verdict",
          "note",
          "working_hours",
          "time_zone",
          "workdays",
          "holidays",
          "anomaly_thresholds",
          "auto_tune",
          "per_dimension",
          "aggregation_thresholds",
          "min_team_size",
          "enabled_event_categories",
          "enabled_signal_types",
          "event_mapping",
          "aliases",
          "feature_windows",
          "directory",
          "version");

  private static Path dir;
  private static TestApi api;
  private static String token;

  @BeforeContainer
  static void start() throws IOException {
    dir = Files.createTempDirectory("ubi-random-requests");
    api = TestApi.start(dir);
    token =
        api.token(
            TENANT,
            Stream.concat(TestApi.ALL_READ_ROLES.stream(), Stream.of("ubi:write:config"))
                .toArray(String[]::new));
  }

  @AfterContainer
  static void stop() throws IOException {
    api.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  record Call(String method, String path, String body) {}

  @Property(tries = 400, seed = "20261130")
  void noRequestIsAnsweredWithA500(@ForAll("calls") Call call) {
    HttpResponse<String> r = api.send(call.method(), call.path(), token, call.body());
    assertThat(r.statusCode())
        .as("%s %s %s", call.method(), call.path(), call.body())
        .isLessThan(500);
    assertThat(r.headers().firstValue("Content-Type"))
        .as("%s %s: %s", call.method(), call.path(), r.body())
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode body = TestApi.json(r);
    if (r.statusCode() >= 400) {
      assertThat(body.path("error").isTextual()).as(r.body()).isTrue();
      assertThat(body.path("message").asText()).as(r.body()).isNotBlank();
      assertThat(body.path("request_id").asText()).as(r.body()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<Call> calls() {
    Arbitrary<String> bodies =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(200)),
            net.jqwik.api.Tuple.of(2, json().map(Json::write)),
            net.jqwik.api.Tuple.of(4, Arbitraries.lazy(this::validWithOneFieldReplaced)));
    Arbitrary<String> id = Arbitraries.strings().all().ofMaxLength(40).map(RandomRequestsTest::enc);
    Arbitrary<String> query =
        Arbitraries.strings().all().ofMaxLength(40).map(RandomRequestsTest::enc);
    return Arbitraries.oneOf(
        bodies.map(b -> new Call("POST", "/v1/signals/ingest", b)),
        bodies.map(b -> new Call("POST", "/v1/ubi/query/signals", b)),
        Combinators.combine(id, bodies)
            .as((i, b) -> new Call("POST", "/v1/ubi/signals/" + i + "/feedback", b)),
        bodies.map(b -> new Call("PUT", "/v1/ubi/config/" + TENANT, b)),
        Combinators.combine(id, query)
            .as((i, q) -> new Call("GET", "/v1/ubi/actors/" + i + "/profile?window=" + q, null)),
        Combinators.combine(id, query)
            .as((i, q) -> new Call("GET", "/v1/ubi/teams/" + i + "/summary?window=" + q, null)),
        query.map(q -> new Call("GET", "/v1/ubi/tenant/summary?window=" + q, null)),
        query.map(q -> new Call("GET", "/v1/ubi/config/" + TENANT + "?version=" + q, null)),
        query.map(q -> new Call("GET", "/v1/ubi/signals/quality?tenant_id=" + q, null)),
        Combinators.combine(Arbitraries.of("features", "scores", "signals", "x"), query, query)
            .as(
                (d, q1, q2) ->
                    new Call(
                        "GET",
                        "/v1/ubi/export/" + d + "?from=" + q1 + "&to=2026-03-01&cursor=" + q2,
                        null)));
  }

  private Arbitrary<String> validWithOneFieldReplaced() {
    Arbitrary<String> key = Arbitraries.of(KNOWN_KEYS);
    return Combinators.combine(
            Arbitraries.of(bases()),
            Arbitraries.of("", "payload", "resource", "filters", "working_hours"),
            key,
            json())
        .as(
            (base, at, k, value) -> {
              JsonNode copy = base.deepCopy();
              ObjectNode target = (ObjectNode) (copy.isArray() ? copy.get(0) : copy);
              (at.isEmpty() ? target : target.with(at)).set(k, value);
              return Json.write(copy);
            });
  }

  private static List<JsonNode> bases() {
    ArrayNode ingest = Json.MAPPER.createArrayNode().add(Envelopes.valid(TENANT, "s-1"));
    JsonNode query =
        Json.parse(
            "{\"tenant_id\":\"prop\",\"filters\":{\"scope\":\"team\",\"min_severity\":\"warn\"},"
                + "\"time_range\":{\"from\":\"2026-03-01T00:00:00Z\",\"to\":\"2026-03-02T00:00:00Z\"}}");
    JsonNode feedback = Json.parse("{\"verdict\":\"useful\",\"note\":\"ok\"}");
    JsonNode config =
        Json.parse(
            "{\"working_hours\":{\"time_zone\":\"UTC\"},\"anomaly_thresholds\":{\"warn\":2.5}}");
    return List.of(ingest, query, feedback, config);
  }

  private static Arbitrary<JsonNode> json() {
    Arbitrary<JsonNode> leaf =
        Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(30).map(TextNode::valueOf),
            Arbitraries.longs().map(LongNode::valueOf),
            Arbitraries.doubles().map(DoubleNode::valueOf),
            Arbitraries.of(
                DecimalNode.valueOf(new BigDecimal("1e400")),
                DecimalNode.valueOf(new BigDecimal("-0.0")),
                TextNode.valueOf("2026-03-01T00:00:00Z"),
                TextNode.valueOf("14d"),
                TextNode.valueOf("critical"),
                BooleanNode.TRUE,
                NullNode.instance));
    Arbitrary<String> keys =
        Arbitraries.oneOf(Arbitraries.of(KNOWN_KEYS), Arbitraries.strings().all().ofMaxLength(10));
    return Arbitraries.recursive(
        () -> leaf,
        inner ->
            Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(RandomRequestsTest::array),
                Arbitraries.maps(keys, inner).ofMaxSize(4).map(RandomRequestsTest::object)),
        0,
        4);
  }

  private static JsonNode array(List<JsonNode> items) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    items.forEach(a::add);
    return a;
  }

  private static JsonNode object(Map<String, JsonNode> fields) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.setAll(fields);
    return o;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
