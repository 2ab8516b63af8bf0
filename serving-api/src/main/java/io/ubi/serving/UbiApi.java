package io.ubi.serving;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.ubi.model.Json;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.contract.EnvelopeValidator;
import io.ubi.model.privacy.FieldClassifier;
import io.ubi.model.privacy.Pseudonymizer;
import io.ubi.serving.auth.Authenticator;
import io.ubi.serving.auth.Principal;
import io.ubi.serving.config.ConfigHandler;
import io.ubi.serving.config.ConfigReceipts;
import io.ubi.serving.config.ConfigRepository;
import io.ubi.serving.export.ExportHandler;
import io.ubi.serving.feedback.FeedbackHandler;
import io.ubi.serving.feedback.QualityQuery;
import io.ubi.serving.ingest.EnvelopePublisher;
import io.ubi.serving.ingest.IngestHandler;
import io.ubi.serving.query.Freshness;
import io.ubi.serving.query.GroupSummaryQuery;
import io.ubi.serving.query.ProfileQuery;
import io.ubi.serving.query.SignalQuery;
import io.ubi.serving.read.LakeReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving API as a Javalin app. Every request is authenticated before routing; handlers take
 * the verified {@link Principal} and throw {@link ApiException}, which one handler renders as
 * {@code {error, message, request_id}}.
 *
 * <p>Example: {@code UbiApi.create(deps, settings).start(8080)}.
 */
public final class UbiApi {
  private static final Logger LOG = LoggerFactory.getLogger(UbiApi.class);
  private static final String PRINCIPAL = "ubi.principal";
  private static final String REQUEST_ID = "ubi.request_id";

  /**
   * Limits of the API.
   *
   * @param maxBatchEnvelopes envelopes in one ingest request
   * @param maxRequestBytes bytes of one request body
   * @param ratePerSecond requests per second one tenant may make on average
   * @param rateBurst requests one tenant may make at once
   */
  public record Settings(
      int maxBatchEnvelopes, long maxRequestBytes, double ratePerSecond, int rateBurst) {
    public static final double DEFAULT_RATE_PER_SECOND = 1000;
    public static final int DEFAULT_RATE_BURST = 2000;
    public static final Settings DEFAULT =
        new Settings(500, 5L * 1024 * 1024, DEFAULT_RATE_PER_SECOND, DEFAULT_RATE_BURST);

    public Settings withRate(double perSecond, int burst) {
      return new Settings(maxBatchEnvelopes, maxRequestBytes, perSecond, burst);
    }
  }

  /**
   * What the API reads from and writes to.
   *
   * @param publisher the ingest topic, for envelopes
   * @param feedback the feedback topic, for verdicts on signals
   * @param configs tenants' settings in force, and the store of their versions
   * @param receipts the receipts of config changes
   * @param readiness what {@code /readyz} checks
   * @param classifier the Data Governance classification the ingest API adds to UBI's rules, or
   *     {@link FieldClassifier#NONE}
   */
  public record Dependencies(
      Authenticator authenticator,
      EnvelopePublisher publisher,
      EnvelopePublisher feedback,
      LakeReader reader,
      ConfigRepository configs,
      ConfigReceipts receipts,
      Readiness readiness,
      Pseudonymizer pseudonymizer,
      FieldClassifier classifier,
      Clock clock) {}

  /** The endpoints orchestrators and load balancers call, without a token. */
  static final Set<String> OPEN = Set.of("/healthz", "/readyz");

  /** The API's OpenAPI 3 document, served at {@code /openapi.json}. */
  static final String OPENAPI_RESOURCE = "/io/ubi/serving/openapi.json";

  private UbiApi() {}

  public static Javalin create(Dependencies d, Settings settings) {
    Freshness freshness = new Freshness(d.reader(), d.clock());
    Supplier<TenantConfigs> configs = d.configs()::current;
    IngestHandler ingest =
        new IngestHandler(
            new EnvelopeValidator(d.clock()),
            d.publisher(),
            settings.maxBatchEnvelopes(),
            configs,
            d.pseudonymizer(),
            d.classifier());
    ProfileQuery profile =
        new ProfileQuery(d.reader(), configs, d.pseudonymizer(), freshness, d.clock());
    SignalQuery signals = new SignalQuery(d.reader(), configs, d.pseudonymizer(), freshness);
    FeedbackHandler feedback =
        new FeedbackHandler(d.reader(), configs, d.pseudonymizer(), d.feedback(), d.clock());
    QualityQuery quality = new QualityQuery(d.reader());
    GroupSummaryQuery summaries = new GroupSummaryQuery(d.reader(), configs, freshness, d.clock());
    ExportHandler export = new ExportHandler(d.reader(), configs);
    ConfigHandler config =
        new ConfigHandler(d.configs(), d.receipts(), d.pseudonymizer(), d.clock());

    TenantRateLimiter limiter =
        new TenantRateLimiter(settings.ratePerSecond(), settings.rateBurst(), System::nanoTime);
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.http.maxRequestSize = settings.maxRequestBytes();
              cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
              cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
              cfg.jetty.modifyServletContextHandler(h -> h.setErrorHandler(new JsonErrorHandler()));
            });
    app.before(
        ctx -> {
          String requestId = ctx.header("X-Request-Id");
          if (requestId == null || requestId.isBlank() || requestId.length() > 100) {
            requestId = UUID.randomUUID().toString();
          }
          ctx.attribute(REQUEST_ID, requestId);
          ctx.header("X-Request-Id", requestId);
          if (!OPEN.contains(ctx.path())) {
            Principal principal = d.authenticator().authenticate(bearer(ctx));
            ctx.attribute(PRINCIPAL, principal);
            limiter.acquire(principal.tenantId());
          }
        });
    app.get("/healthz", ctx -> ctx.json(Map.of("status", "alive")));
    app.get(
        "/readyz",
        ctx -> {
          List<String> problems = d.readiness().problems();
          ctx.status(problems.isEmpty() ? 200 : 503)
              .json(
                  problems.isEmpty()
                      ? Map.of("status", "ready")
                      : Map.of("status", "not_ready", "reasons", problems));
        });
    String openapi = resource(OPENAPI_RESOURCE);
    app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openapi));
    app.post("/v1/signals/ingest", ctx -> ingest.handle(ctx, principal(ctx)));
    app.get("/v1/ubi/actors/{actor_id}/profile", ctx -> profile.handle(ctx, principal(ctx)));
    app.post("/v1/ubi/query/signals", ctx -> signals.handle(ctx, principal(ctx)));
    app.post("/v1/ubi/signals/{signal_id}/feedback", ctx -> feedback.handle(ctx, principal(ctx)));
    app.get("/v1/ubi/signals/quality", ctx -> quality.handle(ctx, principal(ctx)));
    app.get("/v1/ubi/teams/{team_id}/summary", ctx -> summaries.team(ctx, principal(ctx)));
    app.get("/v1/ubi/tenant/summary", ctx -> summaries.tenant(ctx, principal(ctx)));
    app.get("/v1/ubi/export/{dataset}", ctx -> export.handle(ctx, principal(ctx)));
    app.get("/v1/ubi/config/{tenant_id}", ctx -> config.get(ctx, principal(ctx)));
    app.get("/v1/ubi/config/{tenant_id}/history", ctx -> config.history(ctx, principal(ctx)));
    app.put("/v1/ubi/config/{tenant_id}", ctx -> config.put(ctx, principal(ctx)));

    app.exception(
        ApiException.class,
        (e, ctx) -> {
          if (e.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
          }
          render(ctx, e.status(), e.error(), e.getMessage());
        });
    app.exception(
        HttpResponseException.class,
        (e, ctx) ->
            render(
                ctx,
                e.getStatus(),
                e.getStatus() == 413 ? "payload_too_large" : "http_" + e.getStatus(),
                e.getStatus() == 413
                    ? "The request body exceeds "
                        + settings.maxRequestBytes()
                        + " bytes; split the batch."
                    : e.getMessage()));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("Request {} failed", ctx.attribute(REQUEST_ID), e);
          render(
              ctx,
              500,
              "internal_error",
              "The request failed inside UBI; quote the request id" + " when reporting it.");
        });
    app.error(
        404,
        ctx -> {
          if (ctx.attribute(PRINCIPAL) != null
              && !ctx.res().isCommitted()
              && ctx.result() == null) {
            render(ctx, 404, "not_found", "No such endpoint: " + ctx.method() + " " + ctx.path());
          }
        });
    return app;
  }

  private static String resource(String name) {
    try (InputStream in = UbiApi.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("Cannot read " + name + " from the classpath", e);
    }
  }

  private static String bearer(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiException.unauthorized("Send a token as 'Authorization: Bearer <JWT>'.");
    }
    return header.substring(7).trim();
  }

  private static Principal principal(Context ctx) {
    return ctx.attribute(PRINCIPAL);
  }

  private static void render(Context ctx, int status, String error, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("message", message);
    body.put("request_id", ctx.attribute(REQUEST_ID));
    ctx.status(status).json(body);
  }
}
