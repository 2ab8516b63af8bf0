package io.ubi.serving.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.lakehouse.Tables;
import io.ubi.model.Json;
import io.ubi.serving.LakeFixture;
import io.ubi.serving.SignalFixture;
import io.ubi.serving.TestApi;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/ubi/query/signals} over HTTP against a lakehouse written with Delta Kernel. */
class SignalQueryApiTest {
  private static final String QUERY = "/v1/ubi/query/signals";

  @TempDir static Path dir;
  static TestApi api;
  static String acme;
  static String aliceAcme;
  static String bobAcme;

  @BeforeAll
  static void start() {
    api = TestApi.start(dir);
    acme = api.token("acme", "ubi:read:actor", "ubi:read:team", "ubi:read:tenant");
    aliceAcme = api.pseudonymizer.pseudonymise("acme", "alice@example.com");
    bobAcme = api.pseudonymizer.pseudonymise("acme", "bob@example.com");
    String aliceGlobex = api.pseudonymizer.pseudonymise("globex", "alice@example.com");
    LakeFixture lake = new LakeFixture(api.lake);
    lake.append(
        Tables.BEHAVIOURAL_SIGNALS,
        List.of(
            SignalFixture.row(
                "a1",
                "acme",
                "actor",
                aliceAcme,
                "activity",
                "risk",
                "WARN",
                "2026-02-25",
                "2026-02-28T00:00:00Z",
                null),
            SignalFixture.row(
                "a2",
                "acme",
                "actor",
                aliceAcme,
                "flow",
                "informational",
                "INFO",
                "2026-02-27",
                "2026-03-01T00:00:00Z",
                null),
            SignalFixture.row(
                "a3",
                "acme",
                "actor",
                bobAcme,
                "collaboration",
                "opportunity",
                "CRITICAL",
                "2026-01-05",
                "2026-01-10T00:00:00Z",
                "2026-01-10T00:00:00Z"),
            SignalFixture.row(
                "a4",
                "acme",
                "team",
                "team-core",
                "activity",
                "risk",
                "WARN",
                "2026-02-26",
                "2026-02-27T00:00:00Z",
                null),
            SignalFixture.row(
                "g1",
                "globex",
                "actor",
                aliceGlobex,
                "activity",
                "risk",
                "CRITICAL",
                "2026-02-26",
                "2026-02-27T00:00:00Z",
                null)));
    // acme's stream computed features ten minutes ago and its nightly job ran for yesterday;
    // globex has no features at all.
    lake.append(
        Tables.ACTOR_FEATURES_INTRADAY,
        List.of(
            LakeFixture.feature(
                "acme",
                aliceAcme,
                "active_hours",
                LocalDate.parse("2026-03-02"),
                3,
                TestApi.NOW.minusSeconds(600))));
    lake.append(
        Tables.FEATURE_BASELINES,
        List.of(
            LakeFixture.baseline(
                "acme", aliceAcme, "active_hours", LocalDate.parse("2026-03-01"), 3, 3, 1, 0.0)));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void returnsTheTenantsActorSignalsActiveInTheRangeMostSevereFirst() {
    JsonNode body =
        ok(acme, query("acme", "actor", "2026-02-01T00:00:00Z", "2026-03-02T00:00:00Z"));

    assertThat(body.path("tenant_id").asText()).isEqualTo("acme");
    assertThat(body.path("count").asInt()).isEqualTo(2);
    assertThat(body.path("total").asInt()).isEqualTo(2);
    assertThat(body.path("next_cursor").isNull()).isTrue();
    // WARN before INFO, though the INFO signal is newer
    assertThat(ids(body)).containsExactly("a1", "a2");
    assertThat(body.path("stale").asBoolean()).isFalse();
    JsonNode a1 = body.path("signals").get(0);
    assertThat(a1.path("actor_or_group_id").asText()).isEqualTo(aliceAcme);
    assertThat(a1.path("severity").asText()).isEqualTo("WARN");
    assertThat(a1.path("evidence_refs").isArray()).isTrue();
    assertThat(a1.path("evidence_refs").get(0).path("feature_name").asText())
        .isEqualTo("feature-a1");
    assertThat(a1.path("created_at").asText()).isEqualTo("2026-02-26T00:00:00Z");
  }

  @Test
  void aSignalResolvedBeforeTheRangeOrCreatedAfterItIsNotReturned() {
    assertThat(
            ids(ok(acme, query("acme", "actor", "2026-02-01T00:00:00Z", "2026-02-10T00:00:00Z"))))
        .isEmpty();
    assertThat(
            ids(ok(acme, query("acme", "actor", "2026-01-01T00:00:00Z", "2026-01-31T00:00:00Z"))))
        .containsExactly("a3");
  }

  @Test
  void filtersBySeverityDimensionSignalTypeAndActor() {
    ObjectNode q = query("acme", "actor", "2026-01-01T00:00:00Z", "2026-03-02T00:00:00Z");
    q.putObject("filters").put("min_severity", "WARN");
    assertThat(ids(ok(acme, q))).containsExactlyInAnyOrder("a1", "a3");

    q.putObject("filters").put("min_severity", "critical");
    assertThat(ids(ok(acme, q))).containsExactly("a3");

    q.putObject("filters").putArray("signal_types").add("informational");
    assertThat(ids(ok(acme, q))).containsExactly("a2");

    q.remove("filters");
    q.putArray("dimensions").add("activity").add("collaboration");
    assertThat(ids(ok(acme, q))).containsExactlyInAnyOrder("a1", "a3");

    q.remove("dimensions");
    // The id PM-3 knows is pseudonymised with the tenant's key before matching.
    q.putObject("filters").putArray("actor_ids").add("bob@example.com");
    assertThat(ids(ok(acme, q))).containsExactly("a3");
    q.putObject("filters").putArray("actor_ids").add(aliceAcme);
    assertThat(ids(ok(acme, q))).containsExactlyInAnyOrder("a1", "a2");
  }

  @Test
  void enumFiltersMatchWhateverCaseTheyWereAcceptedIn() {
    ObjectNode q = query("acme", "actor", "2026-01-01T00:00:00Z", "2026-03-02T00:00:00Z");
    q.putArray("dimensions").add("FLOW");
    assertThat(ids(ok(acme, q))).containsExactly("a2");
    q.remove("dimensions");
    q.putObject("filters").putArray("signal_types").add("Risk");
    assertThat(ids(ok(acme, q))).containsExactly("a1");
  }

  @Test
  void aTurkishDefaultLocaleChangesNoAnswer() {
    Locale before = Locale.getDefault();
    // There "risk".toUpperCase() is "R\u0130SK", with a dotted I: no signal type, and a 500.
    Locale.setDefault(Locale.forLanguageTag("tr"));
    try {
      assertThat(
              ids(ok(acme, query("acme", "actor", "2026-02-01T00:00:00Z", "2026-03-02T00:00:00Z"))))
          .containsExactly("a1", "a2");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void theScopeSelectsTeamSignals() {
    JsonNode body = ok(acme, query("acme", "team", "2026-02-01T00:00:00Z", "2026-03-02T00:00:00Z"));
    assertThat(ids(body)).containsExactly("a4");
  }

  @Test
  void anotherTenantsSignalsStayInvisibleAndItsOwnAnswerIsStaleWithoutData() {
    String globex = api.token("globex", "ubi:read:actor");
    JsonNode body =
        ok(globex, query("globex", "actor", "2026-02-01T00:00:00Z", "2026-03-02T00:00:00Z"));
    assertThat(ids(body)).containsExactly("g1");
    assertThat(body.path("stale").asBoolean()).isTrue();
    // Omitting tenant_id is a 400, not a silent read of another tenant.
    ObjectNode noTenant = query("acme", "actor", "2026-02-01T00:00:00Z", "2026-03-02T00:00:00Z");
    noTenant.remove("tenant_id");
    assertBadRequest(api.post(QUERY, globex, noTenant.toString()), "tenant_id: is required");
  }

  @Test
  void aPrivilegedCallerMayQueryEveryTenant() {
    JsonNode body =
        ok(
            api.token("zeroui", "admin"),
            query("*", "actor", "2026-02-01T00:00:00Z", "2026-03-02T00:00:00Z"));
    assertThat(ids(body)).containsExactlyInAnyOrder("a1", "a2", "g1");
  }

  @Test
  void aMissingTimeRangeIs400NamingIt() {
    ObjectNode q = query("acme", "actor", "2026-02-01T00:00:00Z", "2026-03-02T00:00:00Z");
    q.remove("time_range");
    assertBadRequest(api.post(QUERY, acme, q.toString()), "time_range: is required");
  }

  @Test
  void fromAfterToIs400NamingTheRange() {
    assertBadRequest(
        api.post(
            QUERY,
            acme,
            query("acme", "actor", "2026-03-02T00:00:00Z", "2026-02-01T00:00:00Z").toString()),
        "time_range: from (2026-03-02T00:00:00Z) is after to");
  }

  @Test
  void badTimestampsAndBoundsAre400NamingTheField() {
    assertBadRequest(
        api.post(
            QUERY, acme, query("acme", "actor", "yesterday", "2026-02-01T00:00:00Z").toString()),
        "time_range.from: must be an ISO 8601 timestamp");
    assertBadRequest(
        api.post(
            QUERY,
            acme,
            query("acme", "actor", "2026-02-01T00:00:00", "2026-02-02T00:00:00Z").toString()),
        "time_range.from: must be an ISO 8601 timestamp");
    ObjectNode noTo = query("acme", "actor", "2026-02-01T00:00:00Z", "x");
    ((ObjectNode) noTo.get("time_range")).remove("to");
    assertBadRequest(api.post(QUERY, acme, noTo.toString()), "time_range.to: is required");
    ObjectNode numericTo = query("acme", "actor", "2026-02-01T00:00:00Z", "x");
    ((ObjectNode) numericTo.get("time_range")).put("to", 1772409600);
    assertBadRequest(
        api.post(QUERY, acme, numericTo.toString()), "time_range.to: must be a string");
    assertBadRequest(
        api.post(
            QUERY,
            acme,
            query("acme", "actor", "2024-01-01T00:00:00Z", "2026-01-02T00:00:00Z").toString()),
        "time_range: spans more than 366 days");
  }

  @Test
  void unknownScopeDimensionSeverityAndSignalTypeAreAllReportedAtOnce() {
    ObjectNode q = query("acme", "galaxy", "2026-02-01T00:00:00Z", "2026-03-02T00:00:00Z");
    q.putArray("dimensions").add("mood");
    q.putObject("filters").put("min_severity", "HIGH").putArray("signal_types").add("doom");
    HttpResponse<String> r = api.post(QUERY, acme, q.toString());
    assertBadRequest(
        r,
        "scope: must be one of actor, team, tenant, got 'galaxy'",
        "dimensions: 'mood' is not one of",
        "filters.min_severity: must be one of",
        "filters.signal_types: 'doom' is not one of");
    // Cohort signals are not served (they exist only as inputs to other signals).
    assertBadRequest(
        api.post(
            QUERY,
            acme,
            query("acme", "cohort", "2026-02-01T00:00:00Z", "2026-03-02T00:00:00Z").toString()),
        "scope: must be one of");
  }

  @Test
  void wronglyShapedListsAre400NamingTheField() {
    ObjectNode q = query("acme", "actor", "2026-02-01T00:00:00Z", "2026-03-02T00:00:00Z");
    q.put("dimensions", "activity");
    q.putObject("filters").put("actor_ids", "alice");
    assertBadRequest(
        api.post(QUERY, acme, q.toString()),
        "dimensions: must be an array of strings",
        "filters.actor_ids: must be an array");
  }

  @Test
  void unknownFieldsAndFiltersAre400RatherThanIgnored() {
    ObjectNode q = query("acme", "actor", "2026-02-01T00:00:00Z", "2026-03-02T00:00:00Z");
    q.put("scopes", "team");
    q.putObject("filters").put("min_severty", "CRITICAL");
    assertBadRequest(
        api.post(QUERY, acme, q.toString()),
        "scopes: unknown; known: tenant_id",
        "filters.min_severty: unknown; known: min_severity, actor_ids, team_ids, signal_types");
    ObjectNode notAnObject = query("acme", "actor", "2026-02-01T00:00:00Z", "2026-03-02T00:00:00Z");
    notAnObject.put("filters", "min_severity=WARN");
    assertBadRequest(api.post(QUERY, acme, notAnObject.toString()), "filters: must be an object");
  }

  @Test
  void listItemsThatAreNotStringsAre400() {
    ObjectNode q = query("acme", "actor", "2026-02-01T00:00:00Z", "2026-03-02T00:00:00Z");
    q.putObject("filters").putArray("actor_ids").add(42).addNull();
    assertBadRequest(
        api.post(QUERY, acme, q.toString()),
        "filters.actor_ids: must hold non-blank strings, got 42");
  }

  @Test
  void teamIdsSelectTeamSignalsAndNeedTheTeamScope() {
    ObjectNode q = query("acme", "team", "2026-02-01T00:00:00Z", "2026-03-02T00:00:00Z");
    q.putObject("filters").putArray("team_ids").add("team-core");
    assertThat(ids(ok(acme, q))).containsExactly("a4");
    q.putObject("filters").putArray("team_ids").add("team-web");
    assertThat(ids(ok(acme, q))).isEmpty();
    ObjectNode actors = query("acme", "actor", "2026-02-01T00:00:00Z", "2026-03-02T00:00:00Z");
    actors.putObject("filters").putArray("team_ids").add("team-core");
    assertBadRequest(
        api.post(QUERY, acme, actors.toString()),
        "filters.team_ids: selects team signals, so needs \"scope\": \"team\"");
  }

  @Test
  void acrossEveryTenantTheAnswerIsStaleIfAnyTenantInItIs() {
    String admin = api.token("acme", "admin");
    ObjectNode q = query("*", "actor", "2026-02-01T00:00:00Z", "2026-03-02T00:00:00Z");
    JsonNode all = ok(admin, q);
    assertThat(ids(all)).contains("a1", "g1");
    assertThat(all.path("stale").asBoolean()).isTrue();
    // Only acme's signals: acme is fresh.
    q.putArray("dimensions").add("flow");
    JsonNode acmeOnly = ok(admin, q);
    assertThat(ids(acmeOnly)).containsExactly("a2");
    assertThat(acmeOnly.path("stale").asBoolean()).isFalse();
  }

  @Test
  void acrossEveryTenantActorIdsMustBePseudonyms() {
    ObjectNode q = query("*", "actor", "2026-02-01T00:00:00Z", "2026-03-02T00:00:00Z");
    q.putObject("filters").putArray("actor_ids").add("alice@example.com");
    assertBadRequest(api.post(QUERY, api.token("acme", "admin"), q.toString()), "only pseudonyms");
  }

  @Test
  void aBodyThatIsNotAJsonObjectIs400() {
    HttpResponse<String> notJson = api.post(QUERY, acme, "tenant_id=acme");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(TestApi.json(notJson).path("error").asText()).isEqualTo("malformed_json");
    assertBadRequest(api.post(QUERY, acme, "[]"), "must be a JSON object");
    assertBadRequest(api.post(QUERY, acme, ""), "must be a JSON object");
  }

  @Test
  void pagesFollowEachOtherByCursorWithoutRepeatOrGap() {
    ObjectNode q = query("acme", "actor", "2026-01-01T00:00:00Z", "2026-03-02T00:00:00Z");
    q.put("page_size", 1);
    List<String> seen = new ArrayList<>();
    JsonNode page = ok(acme, q);
    assertThat(page.path("total").asInt()).isEqualTo(3);
    while (true) {
      assertThat(page.path("count").asInt()).isEqualTo(1);
      seen.addAll(ids(page));
      if (page.path("next_cursor").isNull()) {
        break;
      }
      q.put("cursor", page.path("next_cursor").asText());
      page = ok(acme, q);
    }
    // CRITICAL, then WARN, then INFO: the whole answer, each once
    assertThat(seen).containsExactly("a3", "a1", "a2");

    ObjectNode other = query("acme", "actor", "2026-02-01T00:00:00Z", "2026-03-02T00:00:00Z");
    other.put(
        "cursor",
        ok(acme, q.put("cursor", (String) null).put("page_size", 1)).path("next_cursor").asText());
    assertBadRequest(api.post(QUERY, acme, other.toString()), "cursor: belongs to another query");
    ObjectNode forged = query("acme", "actor", "2026-01-01T00:00:00Z", "2026-03-02T00:00:00Z");
    forged.put("cursor", "not-a-cursor");
    assertBadRequest(api.post(QUERY, acme, forged.toString()), "cursor: not a cursor");
    for (int size : new int[] {0, 501}) {
      ObjectNode bad = query("acme", "actor", "2026-01-01T00:00:00Z", "2026-03-02T00:00:00Z");
      bad.put("page_size", size);
      assertBadRequest(api.post(QUERY, acme, bad.toString()), "page_size: must be a whole number");
    }
  }

  private static ObjectNode query(String tenant, String scope, String from, String to) {
    ObjectNode q = Json.MAPPER.createObjectNode().put("tenant_id", tenant).put("scope", scope);
    q.putObject("time_range").put("from", from).put("to", to);
    return q;
  }

  private static JsonNode ok(String token, ObjectNode query) {
    HttpResponse<String> r = api.post(QUERY, token, query.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = TestApi.json(r);
    assertThat(body.path("count").asInt()).isEqualTo(body.path("signals").size());
    assertThat(r.body()).doesNotContain("alice@example.com").doesNotContain("bob@example.com");
    return body;
  }

  private static List<String> ids(JsonNode body) {
    List<String> ids = new ArrayList<>();
    body.path("signals").forEach(s -> ids.add(s.path("signal_id").asText()));
    return ids;
  }

  private static void assertBadRequest(HttpResponse<String> r, String... mentions) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonNode body = TestApi.json(r);
    assertThat(body.path("error").asText()).isEqualTo("bad_request");
    assertThat(body.path("message").asText()).contains(mentions);
    assertThat(body.path("request_id").asText()).isNotBlank();
  }
}
