package io.ubi.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.launcher.UbiRuntime;
import io.ubi.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The serving API over real HTTP, with a token minted from the runtime's key for each request: a
 * token held for the whole test class would expire in a run slower than its lifetime.
 */
final class Api {
  record Response(int status, JsonNode body) {}

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final Supplier<String> token;

  Api(UbiRuntime ubi, String tenant, List<String> roles) {
    this(
        ubi.baseUrl(),
        () ->
            ubi.keys()
                .mint(ubi.config().issuer(), "it-" + tenant, tenant, roles, Duration.ofMinutes(5)));
  }

  Api(String baseUrl, String token) {
    this(baseUrl, () -> token);
  }

  private Api(String baseUrl, Supplier<String> token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  static Api admin(UbiRuntime ubi, String tenant) {
    return new Api(ubi, tenant, List.of("admin"));
  }

  Response post(String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Authorization", "Bearer " + token.get())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A PUT with these extra headers (name, value, name, value, ...). */
  Response put(String path, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Authorization", "Bearer " + token.get())
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b);
  }

  /** Ingests the envelopes in batches of the API's limit, each accepted whole. */
  void ingestAll(List<ObjectNode> envelopes) {
    for (int i = 0; i < envelopes.size(); i += 500) {
      Response r =
          post(
              "/v1/signals/ingest",
              Envelopes.batch(envelopes.subList(i, Math.min(envelopes.size(), i + 500))));
      assertThat(r.body().get("rejected").asInt()).as(r.body().toString()).isZero();
    }
  }

  Response get(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Authorization", "Bearer " + token.get())
            .GET());
  }

  /** A GET whose answer is not one JSON document (JSON lines, Parquet): its bytes, as sent. */
  HttpResponse<byte[]> getBytes(String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .header("Authorization", "Bearer " + token.get())
              .timeout(Duration.ofSeconds(60))
              .build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              request.timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body().isBlank() ? null : Json.parse(r.body()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
