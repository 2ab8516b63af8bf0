package io.ubi.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Posts envelopes to {@code POST /v1/signals/ingest} in batches, as PM-3 would: each tenant's
 * envelopes with a token of that tenant, since ingest is bound to the token's tenant.
 */
public final class IngestClient {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final Function<String, String> tokenForTenant;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  /** {@code tokenForTenant} mints an ingest token for a tenant; each is minted once. */
  public IngestClient(String baseUrl, Function<String, String> tokenForTenant) {
    this.baseUrl = baseUrl;
    this.tokenForTenant = tokenForTenant;
  }

  /**
   * Posts one batch of one tenant's envelopes; returns the number accepted, failing on any non-200
   * answer.
   */
  public int post(String tenant, List<ObjectNode> batch) {
    String token = tokens.computeIfAbsent(tenant, tokenForTenant);
    ArrayNode body = Json.MAPPER.createArrayNode();
    batch.forEach(body::add);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/v1/signals/ingest"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "Ingest answered " + response.statusCode() + ": " + response.body());
      }
      JsonNode answer = Json.parse(response.body());
      return answer.path("accepted").asInt();
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot reach the ingest API at " + baseUrl + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while posting envelopes", e);
    }
  }

  /**
   * Posts everything, tenant by tenant in batches of {@code size} (each tenant's envelopes in their
   * order); returns the number accepted.
   */
  public int postAll(List<ObjectNode> envelopes, int size) {
    Map<String, List<ObjectNode>> byTenant = new LinkedHashMap<>();
    envelopes.forEach(
        e -> byTenant.computeIfAbsent(e.path("tenant_id").asText(), t -> new ArrayList<>()).add(e));
    int accepted = 0;
    for (Map.Entry<String, List<ObjectNode>> tenant : byTenant.entrySet()) {
      List<ObjectNode> all = tenant.getValue();
      for (int i = 0; i < all.size(); i += size) {
        accepted += post(tenant.getKey(), all.subList(i, Math.min(all.size(), i + size)));
      }
    }
    return accepted;
  }
}
