package io.ubi.serving.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which JWKS locations are accepted, and what a tenant id may turn them into. */
class JwksLocationTest {
  @Test
  void aLocationWithThePlaceholderIsPerTenantOneWithoutIsShared() {
    assertThat(JwksLocation.parse("https://iam.example/spaces/{tenant_id}/jwks.json").isPerTenant())
        .isTrue();
    assertThat(JwksLocation.parse("/etc/ubi/keys/{tenant_id}.jwks.json").isPerTenant()).isTrue();
    assertThat(JwksLocation.parse("https://iam.example/jwks.json").isPerTenant()).isFalse();
    assertThat(JwksLocation.parse("keys/jwks.json").isUrl()).isFalse();
    assertThat(JwksLocation.parse("http://127.0.0.1:9000/{tenant_id}").isUrl()).isTrue();
    assertThat(JwksLocation.parse("https://iam.example/jwks?space={tenant_id}").isPerTenant())
        .isTrue();
  }

  @Test
  void refusesPlainHttpAwayFromLoopbackAPlaceholderInTheHostAndUnknownPlaceholders() {
    assertThat(JwksLocation.problem("http://iam.example/{tenant_id}/jwks.json"))
        .contains("use https");
    assertThat(JwksLocation.problem("https://{tenant_id}.iam.example/jwks.json"))
        .contains("in the host");
    assertThat(JwksLocation.problem("https://iam.example:{tenant_id}/jwks.json")).isNotNull();
    assertThat(JwksLocation.problem("/etc/ubi/keys/{tenant}.jwks.json"))
        .contains("placeholder other than {tenant_id}");
    assertThat(JwksLocation.problem("https://iam.example/a/../{tenant_id}")).contains("..");
    assertThat(JwksLocation.problem("ftp://iam.example/{tenant_id}")).isNotNull();
    assertThat(JwksLocation.problem("https://user@iam.example/{tenant_id}")).contains("user");
    assertThat(JwksLocation.problem(" ")).isNotNull();
    assertThat(JwksLocation.problem("https://iam.example/spaces/{tenant_id}/jwks.json")).isNull();
  }

  @Test
  void substitutesOnlyWellFormedTenantIds() {
    JwksLocation url = JwksLocation.parse("https://iam.example/spaces/{tenant_id}/jwks.json");
    assertThat(url.uri("acme-eu.1").toString())
        .isEqualTo("https://iam.example/spaces/acme-eu.1/jwks.json");
    JwksLocation file = JwksLocation.parse("/etc/ubi/keys/{tenant_id}/jwks.json");
    assertThat(file.file("acme")).isEqualTo(Path.of("/etc/ubi/keys/acme/jwks.json"));
    for (String bad : new String[] {"..", ".", "a/b", "a\\b", "a?b", "a#b", "a%2F", "", null}) {
      assertThatThrownBy(() -> url.uri(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> file.file(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
