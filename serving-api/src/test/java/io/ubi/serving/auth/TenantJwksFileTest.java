package io.ubi.serving.auth;

import static io.ubi.serving.auth.TestTokens.ISSUER;
import static io.ubi.serving.auth.TestTokens.assertFails;
import static io.ubi.serving.auth.TestTokens.claims;
import static io.ubi.serving.auth.TestTokens.ec;
import static io.ubi.serving.auth.TestTokens.es256;
import static io.ubi.serving.auth.TestTokens.jwks;
import static io.ubi.serving.auth.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jwt.PlainJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One JWKS file per tenant ({@code keys/{tenant_id}.jwks.json}): each tenant's keys only. */
class TenantJwksFileTest {
  private static final ECKey ACME = ec("acme-1");
  private static final ECKey GLOBEX = ec("globex-1");

  @TempDir Path dir;
  private Path keys;
  private JwtAuthenticator auth;

  @BeforeEach
  void twoTenantsWithTheirOwnKeys() throws Exception {
    keys = Files.createDirectories(dir.resolve("keys"));
    Files.writeString(keys.resolve("acme.jwks.json"), jwks(ACME));
    Files.writeString(keys.resolve("globex.jwks.json"), jwks(GLOBEX));
    auth = JwtAuthenticator.fromJwks(keys + "/{tenant_id}.jwks.json", ISSUER);
  }

  @Test
  void eachTenantsTokensVerifyWithItsOwnKeys() {
    Principal acme = auth.authenticate(token(ACME, "acme"));
    assertThat(acme.tenantId()).isEqualTo("acme");
    assertThat(acme.subject()).isEqualTo("alice");
    assertThat(acme.roles()).containsExactlyInAnyOrder("ubi:read:team", "ubi:ingest");
    assertThat(auth.authenticate(token(GLOBEX, "globex")).tenantId()).isEqualTo("globex");
  }

  @Test
  void aTokenSignedWithOneTenantsKeyButClaimingAnotherIsRefused() throws Exception {
    assertFails(401, () -> auth.authenticate(token(ACME, "globex")), "tenant 'globex'", "acme-1");
    // Even with the other tenant's key id, acme's key cannot produce globex's signature.
    ECKey acmeWithGlobexKid = new ECKey.Builder(ACME).keyID(GLOBEX.getKeyID()).build();
    assertFails(
        401, () -> auth.authenticate(token(acmeWithGlobexKid, "globex")), "Invalid signature");
    // A privileged role does not change whose keys verify the token.
    String admin =
        es256(ACME, claims("globex", b -> b.claim("roles", List.of("admin", "product_ops"))));
    assertFails(401, () -> auth.authenticate(admin), "tenant 'globex'");
  }

  @Test
  void aTenantWithoutAKeySetIsRefusedWith401() {
    ECKey initech = ec("initech-1");
    assertFails(
        401, () -> auth.authenticate(token(initech, "initech")), "'initech' has no trusted key");
  }

  @Test
  void tenantIdsThatCouldLeaveTheKeyDirectoryAreRefusedBeforeAnyFileIsRead() throws Exception {
    // An attacker's key set just outside the key directory, and one in a sibling directory.
    ECKey attacker = ec("evil-1");
    Files.writeString(dir.resolve("evil.jwks.json"), jwks(attacker));
    Files.createDirectories(dir.resolve("other"));
    Files.writeString(dir.resolve("other").resolve("x.jwks.json"), jwks(attacker));
    for (String tenant :
        List.of(
            "../evil",
            "..",
            ".",
            "../other/x",
            "acme/../../evil",
            "%2e%2e/evil",
            "..\\evil",
            "/etc/passwd",
            "acme\u0000",
            "",
            " acme",
            "a".repeat(65))) {
      assertFails(401, () -> auth.authenticate(token(attacker, tenant)), "tenant_id").as(tenant);
    }
    assertFails(
        401,
        () -> auth.authenticate(es256(ACME, claims("acme", b -> b.claim("tenant_id", 7)))),
        "tenant_id",
        "malformed");
    assertFails(
        401,
        () -> auth.authenticate(es256(ACME, claims("acme", b -> b.claim("tenant_id", null)))),
        "missing required claims",
        "tenant_id");
  }

  @Test
  void aVerifiedTokenIsKnownByItsDigestAndATamperedCopyIsNot() {
    String acme = token(ACME, "acme");
    assertThat(auth.authenticate(acme).tenantId()).isEqualTo("acme");
    assertThat(auth.authenticate(acme).tenantId()).isEqualTo("acme");
    assertThat(auth.known()).isEqualTo(1);
    String[] parts = acme.split("\\.");
    String tampered =
        parts[0]
            + "."
            + java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
                        .replace("\"acme\"", "\"globex\"")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + "."
            + parts[2];
    assertFails(401, () -> auth.authenticate(tampered));
    assertThat(auth.known()).isEqualTo(1);
  }

  @Test
  void rotatingAKeyIsReplacingTheFileWithoutARestart() throws Exception {
    ECKey next = ec("acme-2");
    String oldToken = token(ACME, "acme");
    assertFails(401, () -> auth.authenticate(token(next, "acme")), "acme-2");

    replace(keys.resolve("acme.jwks.json"), jwks(ACME, next));
    assertThat(auth.authenticate(token(next, "acme")).tenantId()).isEqualTo("acme");
    assertThat(auth.authenticate(oldToken).tenantId()).isEqualTo("acme");

    replace(keys.resolve("acme.jwks.json"), jwks(next));
    assertFails(401, () -> auth.authenticate(oldToken), "acme-1");
    assertThat(auth.authenticate(token(next, "acme")).tenantId()).isEqualTo("acme");

    // A broken replacement keeps the last good keys in force; deleting the file revokes them.
    Path acme = keys.resolve("acme.jwks.json");
    Files.writeString(acme, "{\"keys\": [");
    Files.setLastModifiedTime(acme, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(auth.authenticate(token(next, "acme")).tenantId()).isEqualTo("acme");
    Files.delete(acme);
    assertFails(401, () -> auth.authenticate(token(next, "acme")), "no trusted key set");
  }

  @Test
  void atMostMaxTenantsSourcesAreKeptAndADroppedTenantIsReadAgain() throws Exception {
    Files.writeString(keys.resolve("initech.jwks.json"), jwks(ec("initech-1")));
    TenantKeySources sources =
        new TenantKeySources(
            JwksLocation.parse(keys + "/{tenant_id}.jwks.json"),
            new JwksSettings(
                Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(2), 2));
    JWKSelector any = new JWKSelector(new JWKMatcher.Builder().build());
    for (String tenant : List.of("acme", "globex", "initech", "acme")) {
      assertThat(sources.get(any, new TenantKeySources.TenantContext(tenant))).hasSize(1);
      assertThat(sources.tenantsKept()).isLessThanOrEqualTo(2);
    }
    assertThat(sources.get(any, new TenantKeySources.TenantContext("globex")).get(0).getKeyID())
        .isEqualTo("globex-1");
    assertThatThrownBy(() -> sources.get(any, null)).hasMessageContaining("tenant");
  }

  @Test
  void anUnreadableKeySetIsUnavailableNotAPass() throws Exception {
    Files.writeString(keys.resolve("initech.jwks.json"), "not a key set");
    assertFails(503, () -> auth.authenticate(token(ec("i-1"), "initech")), "unavailable");
  }

  @Test
  void everyAttackRefusedWithOneKeySetIsRefusedPerTenantToo() {
    String[] parts = token(ACME, "acme").split("\\.");
    String none = new PlainJWT(claims("acme", b -> b)).serialize();
    String relabelled =
        java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"NONE\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[1]
            + "."
            + parts[2];
    byte[] publicKey = Arrays.copyOf(ACME.toPublicJWK().toJSONString().getBytes(), 64);
    String confused = sign(publicKey);
    Instant past = Instant.now().minusSeconds(3600);
    List<String> attacks =
        List.of(
            none,
            relabelled,
            confused,
            es256(ACME, claims("acme", b -> b.issuer("evil"))),
            es256(ACME, claims("acme", b -> b.audience("other"))),
            es256(ACME, claims("acme", b -> b.subject(null))),
            es256(
                ACME,
                claims(
                    "acme",
                    b ->
                        b.issueTime(Date.from(past))
                            .expirationTime(Date.from(past.plusSeconds(60))))),
            parts[0] + "." + parts[1].substring(1) + "." + parts[2],
            "not.a.jwt");
    for (String attack : attacks) {
      assertFails(401, () -> auth.authenticate(attack)).as(attack);
    }
  }

  private static String sign(byte[] secret) {
    try {
      return TestTokens.sign(
          JWSAlgorithm.HS256, new MACSigner(secret), ACME.getKeyID(), claims("acme", b -> b));
    } catch (com.nimbusds.jose.KeyLengthException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Replaces a file as deployments do: write aside, then rename over it. */
  private static void replace(Path file, String content) throws Exception {
    Path aside = file.resolveSibling(file.getFileName() + ".new");
    Files.writeString(aside, content);
    Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
