package io.ubi.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ubi.launcher.UbiRuntime;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The probes of a running UBI answer without a token: alive, and ready once its real lakehouse
 * reads and its broker answers.
 */
@ExtendWith(UbiExtension.class)
class ProbesTest {
  private final UbiRuntime ubi;

  ProbesTest(UbiRuntime ubi) {
    this.ubi = ubi;
  }

  @Test
  void aRunningUbiIsAliveAndReadyWithoutAToken() {
    Api.Response alive =
        Api.send(HttpRequest.newBuilder(URI.create(ubi.baseUrl() + "/healthz")).GET());
    assertThat(alive.status()).isEqualTo(200);
    Api.Response ready =
        Api.send(HttpRequest.newBuilder(URI.create(ubi.baseUrl() + "/readyz")).GET());
    assertThat(ready.status()).as(String.valueOf(ready.body())).isEqualTo(200);
    assertThat(ready.body().get("status").asText()).isEqualTo("ready");
  }
}
