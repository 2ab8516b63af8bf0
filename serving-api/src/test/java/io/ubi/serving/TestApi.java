package io.ubi.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.javalin.Javalin;
import io.ubi.model.Json;
import io.ubi.model.config.ConfigVersion;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.privacy.Pseudonymizer;
import io.ubi.serving.auth.JwtAuthenticator;
import io.ubi.serving.config.ConfigReceipts;
import io.ubi.serving.config.ConfigRepository;
import io.ubi.serving.read.LakeReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The real serving API on a loopback port, as the launcher wires it (a JWKS file checked by {@link
 * JwtAuthenticator}, a {@link LakeReader} over a lakehouse directory) except that envelopes go to a
 * {@link RecordingPublisher} instead of Kafka. "Now" is {@link #NOW} for the API; tokens are minted
 * with real time because the JWT library checks expiry against the system clock.
 */
public final class TestApi implements AutoCloseable {
  public static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
  public static final String ISSUER = "ubi-test";
  public static final String PSEUDONYM_KEY = "test-pseudonym-key-0123456789abcdef0123";
  public static final List<String> ALL_READ_ROLES =
      List.of("ubi:read:actor", "ubi:read:team", "ubi:read:tenant", "ubi:ingest");

  public final Path lake;
  public final RecordingPublisher publisher = new RecordingPublisher();
  public final RecordingPublisher feedback = new RecordingPublisher();
  public final Pseudonymizer pseudonymizer = new Pseudonymizer(PSEUDONYM_KEY);

  /** The Data Governance classification the ingest API asks: a test sets a real client. */
  public volatile io.ubi.model.privacy.FieldClassifier governance =
      io.ubi.model.privacy.FieldClassifier.NONE;

  /** What {@code /readyz} reports: a test sets it to see the API answer not ready. */
  public volatile List<String> readinessProblems = List.of();

  private final ECKey key;
  private final Javalin app;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestApi(Path dir, UbiApi.Settings settings, TenantConfigs configs) {
    try {
      this.lake = Files.createDirectories(dir.resolve("lake"));
      this.key =
          new ECKeyGenerator(Curve.P_256)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.ES256)
              .keyID("test-" + System.nanoTime())
              .generate();
      Path jwks = dir.resolve("jwks.json");
      Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
      UbiApi.Dependencies deps =
          new UbiApi.Dependencies(
              JwtAuthenticator.fromJwks(jwks.toString(), ISSUER),
              publisher,
              feedback,
              new LakeReader(lake),
              new InMemoryConfigs(configs),
              ConfigReceipts.DETERMINISTIC,
              () -> readinessProblems,
              pseudonymizer,
              (tenant, type, fields) -> governance.classify(tenant, type, fields),
              Clock.fixed(NOW, ZoneOffset.UTC));
      this.app = UbiApi.create(deps, settings).start("127.0.0.1", 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts the API over {@code dir/lake} (empty unless the test writes tables there). */
  public static TestApi start(Path dir) {
    return new TestApi(dir, UbiApi.Settings.DEFAULT, TenantConfigs.defaults());
  }

  public static TestApi start(Path dir, UbiApi.Settings settings) {
    return new TestApi(dir, settings, TenantConfigs.defaults());
  }

  /** The API with these tenant configurations. */
  public static TestApi start(Path dir, TenantConfigs configs) {
    return new TestApi(dir, UbiApi.Settings.DEFAULT, configs);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + app.port();
  }

  /** A valid token of {@code tenant} with these roles. */
  public String token(String tenant, String... roles) {
    return token(b -> b.claim("tenant_id", tenant).claim("roles", List.of(roles)));
  }

  /** A token from valid defaults (tenant acme, every role), changed by {@code change}. */
  public String token(UnaryOperator<JWTClaimsSet.Builder> change) {
    return sign(key, change);
  }

  /** Valid in every claim and naming the trusted key id, but signed by a key not in the JWKS. */
  public String tokenSignedByAnotherKey() {
    try {
      return sign(new ECKeyGenerator(Curve.P_256).keyID(key.getKeyID()).generate(), b -> b);
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sign(ECKey key, UnaryOperator<JWTClaimsSet.Builder> change) {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        change
            .apply(
                new JWTClaimsSet.Builder()
                    .issuer(ISSUER)
                    .subject("test-user")
                    .audience(JwtAuthenticator.AUDIENCE)
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plusSeconds(600)))
                    .claim("tenant_id", "acme")
                    .claim("roles", ALL_READ_ROLES))
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    try {
      jwt.sign(new ECDSASigner(key));
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  public HttpResponse<String> get(String path, String token) {
    return send("GET", path, token, null);
  }

  /** A GET whose answer is binary (a Parquet page). */
  public HttpResponse<byte[]> getBytes(String path, String token) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(baseUrl() + path))
              .timeout(Duration.ofSeconds(20))
              .header("Authorization", "Bearer " + token)
              .build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> post(String path, String token, String body) {
    return send("POST", path, token, body);
  }

  /** {@code token} null sends no Authorization header; {@code body} null sends none. */
  public HttpResponse<String> send(
      String method, String path, String token, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (headers.length > 0) {
      b.headers(headers);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every HTTP route the app registered, as {@code "GET /path/{param}"} (no before-handlers). */
  public java.util.Set<String> routes() {
    java.util.Set<String> routes = new java.util.TreeSet<>();
    app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
        .filter(
            e ->
                java.util.Set.of("GET", "POST", "PUT", "PATCH", "DELETE")
                    .contains(e.getEndpoint().getMethod().name()))
        .forEach(
            e -> routes.add(e.getEndpoint().getMethod().name() + " " + e.getEndpoint().getPath()));
    return routes;
  }

  public static JsonNode json(HttpResponse<String> response) {
    return Json.parse(response.body());
  }

  @Override
  public void close() {
    app.stop();
  }

  /**
   * The config store in memory: versions are checked and laid over the settings exactly as the
   * lakehouse store does ({@link TenantConfigs#change}), and are in force at once.
   */
  private static final class InMemoryConfigs implements ConfigRepository {
    private final java.util.Map<String, List<ConfigVersion>> versions =
        new java.util.concurrent.ConcurrentHashMap<>();
    private volatile TenantConfigs configs;

    InMemoryConfigs(TenantConfigs configs) {
      this.configs = configs;
    }

    @Override
    public TenantConfigs current() {
      return configs;
    }

    @Override
    public List<ConfigVersion> history(String tenantId) {
      return List.copyOf(versions.getOrDefault(tenantId, List.of()));
    }

    @Override
    public synchronized ConfigVersion store(
        String tenantId, ObjectNode settings, String changedBy, String reason, Instant at) {
      int next = configs.forTenant(tenantId).version() + 1;
      ConfigVersion v =
          new ConfigVersion(
              tenantId,
              next,
              configs.change(tenantId, settings, next).settings().toString(),
              changedBy,
              at,
              reason);
      versions.computeIfAbsent(tenantId, t -> new java.util.ArrayList<>()).add(v);
      configs = configs.withVersions(List.of(v));
      return v;
    }
  }
}
