package io.ubi.serving.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;
import io.ubi.model.UbiException;
import io.ubi.model.privacy.ContentRules.Sensitivity;
import io.ubi.model.privacy.FieldClassifier;
import io.ubi.serving.auth.TrustedEndpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Data Governance classification service (PRD FR-8, EPC-2: {@code POST
 * /privacy/v1/classification}), asked by the ingest API about the text fields an envelope keeps
 * after minimisation. The contract assumed:
 *
 * <pre>
 * POST {governance.url}/privacy/v1/classification     Content-Type: application/json
 * {"tenant_id": "acme", "event_type": "pr_created",
 *  "fields": {"properties.title": "Fix the build", "resource.repo": "ubi"}}
 *
 * 200 application/json
 * {"classifications": {"properties.title": "none", "resource.repo": "personal"}}
 * </pre>
 *
 * <p>A class is {@code personal}, {@code secret}, {@code code} or {@code none}. Its verdicts add to
 * UBI's own rules: the stricter wins. When it cannot answer (a timeout, a refused connection,
 * another status, a body that is not that shape) the envelope is judged by UBI's rules alone and
 * ingest goes on; {@link #failures()} counts those answers, and each is logged. After a failure the
 * service is not asked again for {@link #PAUSE} (the envelopes meanwhile are judged by UBI's rules
 * and counted as failures too): a batch of 500 envelopes then costs one timeout, not 500.
 */
public final class GovernanceClassifier implements FieldClassifier {
  public static final String PATH = "/privacy/v1/classification";

  /** How long the service is left alone after it failed to answer. */
  public static final Duration PAUSE = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(GovernanceClassifier.class);

  private final URI uri;
  private final Duration timeout;
  private final HttpClient client;
  private final AtomicLong failures = new AtomicLong();
  private final long pauseNanos;
  private volatile long pausedUntil = System.nanoTime();

  /**
   * @param baseUrl the service's base URL: https, or http on loopback
   * @param timeout for connecting, and for the whole answer
   */
  public GovernanceClassifier(String baseUrl, Duration timeout) {
    this(baseUrl, timeout, PAUSE);
  }

  /** As {@link #GovernanceClassifier(String, Duration)}, with another pause after a failure. */
  public GovernanceClassifier(String baseUrl, Duration timeout, Duration pause) {
    this.pauseNanos = pause.toNanos();
    URI base = TrustedEndpoints.check(baseUrl.trim(), "Data Governance service");
    String s = base.toString();
    this.uri = URI.create((s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + PATH);
    this.timeout = timeout;
    this.client = TrustedEndpoints.client(timeout);
  }

  /** The problem with {@code baseUrl} as the service's base URL, or null if it is usable. */
  public static String urlProblem(String baseUrl) {
    try {
      TrustedEndpoints.check(baseUrl.trim(), "Data Governance service");
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  public URI uri() {
    return uri;
  }

  /** Answers that could not be used since start. */
  public long failures() {
    return failures.get();
  }

  @Override
  public Map<String, Sensitivity> classify(
      String tenantId, String eventType, Map<String, String> fields) {
    if (System.nanoTime() - pausedUntil < 0) {
      failures.incrementAndGet();
      return Map.of();
    }
    ObjectNode body =
        Json.MAPPER.createObjectNode().put("tenant_id", tenantId).put("event_type", eventType);
    fields.forEach(body.putObject("fields")::put);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
            .build();
    try {
      HttpResponse<byte[]> response = TrustedEndpoints.exchange(client, request, timeout);
      if (response.statusCode() != 200) {
        return failed("it answered HTTP " + response.statusCode());
      }
      return read(new String(response.body(), StandardCharsets.UTF_8), fields);
    } catch (TimeoutException e) {
      return failed("it did not answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      return failed("it cannot be reached (" + e.getMessage() + ")");
    }
  }

  private Map<String, Sensitivity> read(String text, Map<String, String> asked) {
    JsonNode answer;
    try {
      answer = Json.parse(text);
    } catch (UbiException e) {
      return failed("its answer is not JSON");
    }
    JsonNode classes = answer.path("classifications");
    if (!classes.isObject()) {
      return failed("its answer has no classifications object");
    }
    Map<String, Sensitivity> out = new LinkedHashMap<>();
    for (var it = classes.fields(); it.hasNext(); ) {
      var e = it.next();
      String value = e.getValue().asText("").toLowerCase(Locale.ROOT);
      if (!asked.containsKey(e.getKey()) || !e.getValue().isTextual()) {
        return failed(
            "its answer names a field it was not asked about, or a class that is not text");
      }
      switch (value) {
        case "none" -> {}
        case "personal" -> out.put(e.getKey(), Sensitivity.PERSONAL);
        case "secret" -> out.put(e.getKey(), Sensitivity.SECRET);
        case "code" -> out.put(e.getKey(), Sensitivity.CODE);
        default -> {
          return failed("its answer holds an unknown class");
        }
      }
    }
    return out;
  }

  private Map<String, Sensitivity> failed(String why) {
    failures.incrementAndGet();
    pausedUntil = System.nanoTime() + pauseNanos;
    LOG.warn(
        "The Data Governance classification at {} gave no usable answer: {}; UBI's own rules"
            + " apply, and it is not asked again for {} s",
        uri,
        why,
        pauseNanos / 1_000_000_000L);
    return Map.of();
  }
}
