package io.ubi.serving.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.ubi.serving.ApiException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token checks every endpoint relies on: signature, algorithm, claims, each refusal a 401. */
class JwtAuthenticatorSecurityTest {
  private static final String ISSUER = "ubi-test";
  private static final ECKey EC = generateEc("ec-1");
  private static final RSAKey RSA = generateRsa("rsa-1");
  private static final JwtAuthenticator AUTH =
      new JwtAuthenticator(
          new ImmutableJWKSet<>(new JWKSet(List.of(EC.toPublicJWK(), RSA.toPublicJWK()))), ISSUER);

  @Test
  void acceptsES256AndRS256TokensFromTheJwksAndTakesTheTenantFromTheToken() throws Exception {
    Principal es = AUTH.authenticate(es256(claims(b -> b)));
    assertThat(es.subject()).isEqualTo("alice");
    assertThat(es.tenantId()).isEqualTo("acme");
    assertThat(es.roles()).containsExactlyInAnyOrder("ubi:read:team", "ubi:ingest");
    assertThat(es.isPrivileged()).isFalse();

    Principal rs =
        AUTH.authenticate(
            sign(
                JWSAlgorithm.RS256,
                new RSASSASigner(RSA),
                RSA.getKeyID(),
                claims(
                    b ->
                        b.subject("bob")
                            .claim("tenant_id", "globex")
                            .claim("roles", List.of("admin")))));
    assertThat(rs.subject()).isEqualTo("bob");
    assertThat(rs.tenantId()).isEqualTo("globex");
    assertThat(rs.roles()).containsExactly("admin");
    assertThat(rs.isPrivileged()).isTrue();
  }

  @Test
  void aTokenWithoutRolesHasNone() throws Exception {
    assertThat(AUTH.authenticate(es256(claims(b -> b.claim("roles", null)))).roles()).isEmpty();
  }

  @Test
  void loadsTheJwksFileTheLauncherWritesAndAcceptsItsTokens(@TempDir Path dir) throws Exception {
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, new JWKSet(EC.toPublicJWK()).toString());
    JwtAuthenticator fromFile = JwtAuthenticator.fromJwks(jwks.toString(), ISSUER);

    assertThat(fromFile.authenticate(es256(claims(b -> b))).tenantId()).isEqualTo("acme");
    // The file holds only the EC key: the RSA key trusted by AUTH is not trusted here.
    assertThatThrownBy(
            () ->
                fromFile.authenticate(
                    sign(
                        JWSAlgorithm.RS256, new RSASSASigner(RSA), RSA.getKeyID(), claims(b -> b))))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("no key in the trusted JWKS");
  }

  @Test
  void aJwksUrlOverPlainHttpIsRefusedUnlessOnLoopback() throws Exception {
    assertThatThrownBy(() -> JwtAuthenticator.fromJwks("http://iam.example.com/jwks.json", ISSUER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use https");
    // An IAM on loopback (here a real HTTP server) may serve it over http.
    HttpServer iam = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] body = new JWKSet(EC.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    iam.createContext(
        "/jwks.json",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    iam.start();
    try {
      JwtAuthenticator fromUrl =
          JwtAuthenticator.fromJwks(
              "http://127.0.0.1:" + iam.getAddress().getPort() + "/jwks.json", ISSUER);
      assertThat(fromUrl.authenticate(es256(claims(b -> b))).tenantId()).isEqualTo("acme");
    } finally {
      iam.stop(0);
    }
  }

  @Test
  void anIssuerIsRequired() {
    for (String blank : new String[] {null, "", "  "}) {
      assertThatThrownBy(
              () ->
                  new JwtAuthenticator(new ImmutableJWKSet<>(new JWKSet(EC.toPublicJWK())), blank))
          .hasMessageContaining("An issuer is required");
    }
  }

  @Test
  void aMissingJwksFileFailsAtStartupNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> JwtAuthenticator.fromJwks(missing.toString(), ISSUER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot load the JWKS")
        .hasMessageContaining(missing.toString());
  }

  @Test
  void refusesAnUnsignedAlgNoneToken() throws Exception {
    assertRefused(new PlainJWT(claims(b -> b)).serialize(), "not signed", "none");
    // A signed token re-labelled alg=none with its signature stripped.
    String[] parts = es256(claims(b -> b)).split("\\.");
    String noneHeader =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    assertRefused(noneHeader + "." + parts[1] + ".", "not signed");
  }

  @Test
  void refusesHs256SignedWithThePublicKeyAlgorithmConfusion() throws Exception {
    List<byte[]> publicKeyForms =
        List.of(
            RSA.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8),
            RSA.toPublicKey().getEncoded(),
            EC.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8),
            new JWKSet(List.of(EC.toPublicJWK(), RSA.toPublicJWK()))
                .toString()
                .getBytes(StandardCharsets.UTF_8));
    for (byte[] secret : publicKeyForms) {
      for (String kid : new String[] {RSA.getKeyID(), EC.getKeyID()}) {
        String confused = sign(JWSAlgorithm.HS256, new MACSigner(pad(secret)), kid, claims(b -> b));
        assertRefused(confused, "signed with HS256", "only ES256 or RS256");
      }
    }
  }

  @Test
  void refusesAnExpiredToken() throws Exception {
    Instant past = Instant.now().minus(Duration.ofHours(2));
    assertRefused(
        es256(
            claims(
                b -> b.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60))))),
        "Expired");
  }

  @Test
  void refusesAWrongOrMissingAudience() throws Exception {
    assertRefused(es256(claims(b -> b.audience("someone-else"))), "aud");
    assertRefused(es256(claims(b -> b.audience((String) null))), "aud");
  }

  @Test
  void refusesAWrongIssuer() throws Exception {
    assertRefused(es256(claims(b -> b.issuer("evil"))), "iss");
  }

  @Test
  void refusesATokenMissingTenantIdOrAnotherRequiredClaim() throws Exception {
    assertRefused(
        es256(claims(b -> b.claim("tenant_id", null))), "missing required claims", "tenant_id");
    assertRefused(es256(claims(b -> b.subject(null))), "missing required claims", "sub");
    assertRefused(es256(claims(b -> b.issueTime(null))), "missing required claims", "iat");
    assertRefused(es256(claims(b -> b.expirationTime(null))), "missing required claims", "exp");
  }

  @Test
  void refusesAnEmptyOrNonStringTenantAndMalformedRoles() throws Exception {
    assertRefused(es256(claims(b -> b.claim("tenant_id", " "))), "tenant_id", "empty");
    assertRefused(es256(claims(b -> b.claim("tenant_id", 42))), "tenant_id", "malformed");
    assertRefused(es256(claims(b -> b.claim("roles", "admin"))), "roles", "malformed");
  }

  @Test
  void refusesATokenSignedByAKeyNotInTheJwks() throws Exception {
    // Same key id as the trusted key, different key: the signature check must catch it.
    ECKey impostor = generateEc(EC.getKeyID());
    assertRefused(
        sign(JWSAlgorithm.ES256, new ECDSASigner(impostor), impostor.getKeyID(), claims(b -> b)),
        "Invalid signature");
    // An unknown key id.
    ECKey stranger = generateEc("ec-unknown");
    assertRefused(
        sign(JWSAlgorithm.ES256, new ECDSASigner(stranger), stranger.getKeyID(), claims(b -> b)),
        "no key in the trusted JWKS",
        "ec-unknown");
    // A trusted key id used with the other key type's algorithm.
    assertRefused(
        sign(
            JWSAlgorithm.RS256,
            new RSASSASigner(generateRsa(EC.getKeyID())),
            EC.getKeyID(),
            claims(b -> b)),
        "no key in the trusted JWKS");
  }

  @Test
  void refusesATokenThatNamesItsOwnKeyAndNeverFetchesIt() throws Exception {
    ECKey attacker = generateEc(EC.getKeyID());
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    int[] fetched = {0};
    server.createContext(
        "/jwks.json",
        exchange -> {
          fetched[0]++;
          byte[] body =
              new JWKSet(attacker.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      java.net.URI jku =
          java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
      List<JWSHeader> headers =
          List.of(
              new JWSHeader.Builder(JWSAlgorithm.ES256)
                  .keyID(attacker.getKeyID())
                  .jwkURL(jku)
                  .build(),
              new JWSHeader.Builder(JWSAlgorithm.ES256)
                  .keyID(attacker.getKeyID())
                  .jwk(attacker.toPublicJWK())
                  .build(),
              new JWSHeader.Builder(JWSAlgorithm.ES256)
                  .keyID(attacker.getKeyID())
                  .x509CertURL(jku)
                  .build());
      for (JWSHeader header : headers) {
        SignedJWT jwt = new SignedJWT(header, claims(b -> b.claim("roles", List.of("admin"))));
        jwt.sign(new ECDSASigner(attacker));
        assertRefused(jwt.serialize(), "names its own key", "trusted JWKS");
      }
      assertThat(fetched[0]).as("a key URL in a token is never fetched").isZero();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void refusesNoneInAnyCaseAnInjectedKeyIdAndATokenNotYetValid() throws Exception {
    String[] parts = es256(claims(b -> b)).split("\\.");
    for (String alg : List.of("None", "NONE", "nOnE")) {
      String header =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  ("{\"alg\":\"" + alg + "\",\"kid\":\"ec-1\"}").getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(() -> AUTH.authenticate(header + "." + parts[1] + "." + parts[2]))
          .as(alg)
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }
    for (String kid : List.of("../../keys/ec-1", "ec-1' OR '1'='1", "ec-1\u0000", "")) {
      assertRefused(
          sign(JWSAlgorithm.ES256, new ECDSASigner(EC), kid, claims(b -> b)),
          "no key in the trusted JWKS");
    }
    Instant later = Instant.now().plus(Duration.ofHours(1));
    assertRefused(es256(claims(b -> b.notBeforeTime(Date.from(later)))), "before use");
  }

  @Test
  void refusesATamperedToken() throws Exception {
    String[] parts = es256(claims(b -> b)).split("\\.");
    String otherTenant =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                claims(b -> b.claim("tenant_id", "globex"))
                    .toString()
                    .getBytes(StandardCharsets.UTF_8));
    assertRefused(parts[0] + "." + otherTenant + "." + parts[2], "Invalid signature");
  }

  @Test
  void refusesMalformedTokenStrings() {
    for (String garbage : List.of("not.a.jwt", "", "abc", "a.b.c.d.e.f")) {
      assertRefused(garbage, "not a JWT");
    }
    assertRefused("eyJhbGciOiJFUzI1NiJ9.%%%.sig", "not a valid JSON object");
  }

  private static void assertRefused(String token, String... mentions) {
    assertThatThrownBy(() -> AUTH.authenticate(token))
        .as(token)
        .isInstanceOf(ApiException.class)
        .satisfies(
            e -> {
              ApiException api = (ApiException) e;
              assertThat(api.status()).isEqualTo(401);
              assertThat(api.error()).isEqualTo("unauthorized");
              assertThat(api.getMessage()).contains("token").contains(mentions);
            });
  }

  private static JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
    Instant now = Instant.now();
    return change
        .apply(
            new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("alice")
                .audience("ubi")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .claim("tenant_id", "acme")
                .claim("roles", List.of("ubi:read:team", "ubi:ingest")))
        .build();
  }

  private static String es256(JWTClaimsSet claims) throws Exception {
    return sign(JWSAlgorithm.ES256, new ECDSASigner(EC), EC.getKeyID(), claims);
  }

  private static String sign(JWSAlgorithm alg, JWSSigner signer, String kid, JWTClaimsSet claims)
      throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  private static byte[] pad(byte[] secret) {
    return secret.length >= 32 ? secret : java.util.Arrays.copyOf(secret, 32);
  }

  private static ECKey generateEc(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static RSAKey generateRsa(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
