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
import java.util.List;

/** Posts envelopes to {@code POST /v1/signals/ingest} in batches, as PM-3 would. */
public final class IngestClient {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .build();
  private final String baseUrl;
  private final String token;

  public IngestClient(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  /** Posts one batch; returns the number accepted, failing on any non-200 answer. */
  public int post(List<ObjectNode> batch) {
    ArrayNode body = Json.MAPPER.createArrayNode();
    batch.forEach(body::add);
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/signals/ingest"))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("Ingest answered " + response.statusCode() + ": "
            + response.body());
      }
      JsonNode answer = Json.parse(response.body());
      return answer.path("accepted").asInt();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot reach the ingest API at " + baseUrl + ": "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while posting envelopes", e);
    }
  }

  /** Posts everything in batches of {@code size}; returns the number accepted. */
  public int postAll(List<ObjectNode> envelopes, int size) {
    int accepted = 0;
    for (int i = 0; i < envelopes.size(); i += size) {
      accepted += post(envelopes.subList(i, Math.min(envelopes.size(), i + size)));
    }
    return accepted;
  }
}
