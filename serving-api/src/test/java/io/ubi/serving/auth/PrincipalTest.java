package io.ubi.serving.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ubi.serving.ApiException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tenant isolation and role checks as every handler applies them. */
class PrincipalTest {
  private static final Principal READER = new Principal("u", "acme", Set.of("ubi:read:actor"));

  @Test
  void aCallerActsOnItsOwnTenantWhenNoneOrItsOwnIsAsked() {
    assertThat(READER.tenantFor(null)).isEqualTo("acme");
    assertThat(READER.tenantFor(" ")).isEqualTo("acme");
    assertThat(READER.tenantFor("acme")).isEqualTo("acme");
  }

  @Test
  void anotherTenantIsForbiddenUnlessPrivileged() {
    assertThatThrownBy(() -> READER.tenantFor("globex"))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("'acme'")
        .hasMessageContaining("'globex'")
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(403));
    for (String role : Principal.PRIVILEGED) {
      assertThat(new Principal("ops", "zeroui", Set.of(role)).tenantFor("globex"))
          .isEqualTo("globex");
    }
  }

  @Test
  void aMissingRoleIsForbiddenAndNamed() {
    READER.require(Principal.READ_ACTOR);
    assertThatThrownBy(() -> READER.require(Principal.READ_TENANT))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("ubi:read:tenant")
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(403));
    new Principal("ops", "zeroui", Set.of("product_ops")).require(Principal.READ_TENANT);
  }

  @Test
  void rolesAreNotPrivilegedByResemblance() {
    assertThat(
            new Principal("u", "acme", Set.of("Admin", "ubi:admin", "product-ops")).isPrivileged())
        .isFalse();
  }
}
