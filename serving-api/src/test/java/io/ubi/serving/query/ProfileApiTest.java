package io.ubi.serving.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.lakehouse.Tables;
import io.ubi.serving.LakeFixture;
import io.ubi.serving.SignalFixture;
import io.ubi.serving.TestApi;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/ubi/actors/{actor_id}/profile} over HTTP against a Kernel-written lakehouse. */
class ProfileApiTest {
  private static final LocalDate TODAY = LocalDate.parse("2026-03-02");

  @TempDir static Path dir;
  static TestApi api;
  static String acme;
  static String aliceAcme;
  static String aliceGlobex;

  @BeforeAll
  static void start() {
    api = TestApi.start(dir);
    acme = api.token("acme", "ubi:read:actor");
    aliceAcme = api.pseudonymizer.pseudonymise("acme", "alice@example.com");
    aliceGlobex = api.pseudonymizer.pseudonymise("globex", "alice@example.com");
    LakeFixture lake = new LakeFixture(api.lake);

    List<Map<String, Object>> baselines = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      baselines.add(
          LakeFixture.baseline(
              "acme",
              aliceAcme,
              "failed_builds",
              LocalDate.parse("2026-02-23").plusDays(i),
              i,
              2.0,
              1.0,
              i == 6 ? 2.8 : 0.1));
    }
    // Outside the default 7-day window, inside a 30-day one.
    baselines.add(
        LakeFixture.baseline(
            "acme",
            aliceAcme,
            "pr_reviews_given",
            LocalDate.parse("2026-02-20"),
            4,
            3.0,
            1.0,
            1.0));
    // Another actor of acme, and the same person in globex (another pseudonym).
    baselines.add(
        LakeFixture.baseline(
            "acme",
            "ps_someone_else_00000000",
            "failed_builds",
            TODAY.minusDays(1),
            50,
            2.0,
            1.0,
            9.0));
    baselines.add(
        LakeFixture.baseline(
            "globex", aliceGlobex, "failed_builds", TODAY.minusDays(1), 99, 2.0, 1.0, 9.0));
    lake.append(Tables.FEATURE_BASELINES, baselines);

    lake.append(
        Tables.ACTOR_FEATURES_INTRADAY,
        List.of(
            LakeFixture.feature(
                "acme", aliceAcme, "failed_builds", TODAY, 2.0, TestApi.NOW.minusSeconds(300))));

    lake.append(
        Tables.BEHAVIOURAL_SIGNALS,
        List.of(
            SignalFixture.row(
                "p1",
                "acme",
                "actor",
                aliceAcme,
                "activity",
                "risk",
                "WARN",
                "2026-02-27",
                "2026-03-01T00:00:00Z",
                null),
            SignalFixture.row(
                "p-old",
                "acme",
                "actor",
                aliceAcme,
                "flow",
                "risk",
                "WARN",
                "2026-01-05",
                "2026-01-10T00:00:00Z",
                "2026-01-10T00:00:00Z"),
            SignalFixture.row(
                "g1",
                "globex",
                "actor",
                aliceGlobex,
                "activity",
                "risk",
                "CRITICAL",
                "2026-02-27",
                "2026-03-01T00:00:00Z",
                null)));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void theProfileShowsThePseudonymFeaturesAgainstBaselineAndActiveSignals() {
    HttpResponse<String> r = api.get("/v1/ubi/actors/alice%40example.com/profile", acme);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("alice@example.com");
    JsonNode body = TestApi.json(r);
    assertThat(body.path("tenant_id").asText()).isEqualTo("acme");
    assertThat(body.path("actor").path("actor_id").asText()).isEqualTo(aliceAcme);
    assertThat(body.path("actor").path("actor_type").asText()).isEqualTo("human");
    assertThat(body.path("actor").path("pseudonymised").asBoolean()).isTrue();
    assertThat(body.path("window").path("from").asText()).isEqualTo("2026-02-23");
    assertThat(body.path("window").path("to").asText()).isEqualTo("2026-03-02");
    assertThat(body.path("window").path("days").asInt()).isEqualTo(7);

    assertThat(featureNames(body)).containsExactly("failed_builds");
    JsonNode builds = body.path("features").get(0);
    assertThat(builds.path("latest").path("dt").asText()).isEqualTo("2026-03-01");
    assertThat(builds.path("latest").path("value").asDouble()).isEqualTo(6.0);
    assertThat(builds.path("latest").path("z_score").asDouble()).isEqualTo(2.8);
    assertThat(builds.path("baseline").path("mean").asDouble()).isEqualTo(2.0);
    assertThat(builds.path("daily")).hasSize(6);
    assertThat(builds.path("intraday").path("value").asDouble()).isEqualTo(2.0);

    JsonNode signals = body.path("signals_by_dimension");
    assertThat(signals.path("activity")).hasSize(1);
    assertThat(signals.path("activity").get(0).path("signal_id").asText()).isEqualTo("p1");
    assertThat(signals.has("flow")).as("resolved before the window").isFalse();

    assertThat(body.path("data_as_of").asText())
        .isEqualTo(TestApi.NOW.minusSeconds(300).toString());
    assertThat(body.path("stale").asBoolean()).isFalse();
    assertThat(body.path("generated_at").asText()).isEqualTo(TestApi.NOW.toString());
  }

  @Test
  void aTurkishDefaultLocaleChangesNothingInTheProfile() {
    Locale before = Locale.getDefault();
    // There "risk".toUpperCase() is "R\u0130SK" (no signal type) and "ACTIVITY".toLowerCase()
    // is "act\u0131v\u0131ty".
    Locale.setDefault(Locale.forLanguageTag("tr"));
    try {
      HttpResponse<String> r = api.get("/v1/ubi/actors/" + aliceAcme + "/profile", acme);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode body = TestApi.json(r);
      assertThat(body.path("features").get(0).path("dimension").asText()).isEqualTo("activity");
      assertThat(body.path("signals_by_dimension").path("activity")).hasSize(1);
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void thePseudonymFindsTheSameProfile() {
    HttpResponse<String> r =
        api.get("/v1/ubi/actors/" + aliceAcme + "/profile?tenant_id=acme", acme);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = TestApi.json(r);
    assertThat(body.path("actor").path("actor_id").asText()).isEqualTo(aliceAcme);
    assertThat(body.path("features").get(0).path("latest").path("value").asDouble()).isEqualTo(6.0);
  }

  @Test
  void aLongerWindowReachesOlderBaselines() {
    JsonNode body =
        TestApi.json(api.get("/v1/ubi/actors/" + aliceAcme + "/profile?window=30d", acme));
    assertThat(body.path("window").path("days").asInt()).isEqualTo(30);
    assertThat(featureNames(body)).containsExactlyInAnyOrder("failed_builds", "pr_reviews_given");
  }

  @Test
  void anInvalidWindowIs400NamingIt() {
    for (String w : List.of("0d", "91d", "7", "7D", "week", "100d")) {
      HttpResponse<String> r =
          api.get("/v1/ubi/actors/" + aliceAcme + "/profile?window=" + w, acme);
      assertThat(r.statusCode()).as(w).isEqualTo(400);
      assertThat(TestApi.json(r).path("message").asText())
          .contains("window: must be between 1d and 90d")
          .contains(w);
    }
  }

  @Test
  void theSamePersonInAnotherTenantIsAnotherActor() {
    // acme cannot reach globex's pseudonym, even by naming it.
    HttpResponse<String> probe = api.get("/v1/ubi/actors/" + aliceGlobex + "/profile", acme);
    assertThat(probe.statusCode()).isEqualTo(404);
    assertThat(probe.body()).doesNotContain("99.0");

    HttpResponse<String> r =
        api.get(
            "/v1/ubi/actors/alice%40example.com/profile", api.token("globex", "ubi:read:actor"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = TestApi.json(r);
    assertThat(body.path("tenant_id").asText()).isEqualTo("globex");
    assertThat(body.path("actor").path("actor_id").asText())
        .isEqualTo(aliceGlobex)
        .isNotEqualTo(aliceAcme);
    assertThat(body.path("features").get(0).path("latest").path("value").asDouble())
        .isEqualTo(99.0);
    assertThat(body.path("signals_by_dimension").path("activity").get(0).path("signal_id").asText())
        .isEqualTo("g1");
    // globex has baselines but no feature computation in the last two days.
    assertThat(body.path("data_as_of").isNull()).isTrue();
    assertThat(body.path("stale").asBoolean()).isTrue();
  }

  private static List<String> featureNames(JsonNode body) {
    List<String> names = new ArrayList<>();
    body.path("features").forEach(f -> names.add(f.path("feature_name").asText()));
    return names;
  }
}
