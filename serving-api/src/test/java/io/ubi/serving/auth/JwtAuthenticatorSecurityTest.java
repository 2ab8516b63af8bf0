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
import io.ubi.serving.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The token checks every endpoint relies on: signature, algorithm, claims. */
class JwtAuthenticatorSecurityTest {
  private static final String ISSUER = "ubi-test";
  private static final ECKey EC = generateEc("ec-1");
  private static final RSAKey RSA = generateRsa("rsa-1");
  private static final JwtAuthenticator AUTH = new JwtAuthenticator(
      new ImmutableJWKSet<>(new JWKSet(List.of(EC.toPublicJWK(), RSA.toPublicJWK()))), ISSUER);

  @Test
  void acceptsES256AndRS256TokensFromTheJwksAndTakesTheTenantFromTheToken() throws Exception {
    Principal es = AUTH.authenticate(sign(JWSAlgorithm.ES256, new ECDSASigner(EC), EC.getKeyID(),
        claims(b -> b)));
    assertThat(es.tenantId()).isEqualTo("acme");
    assertThat(es.subject()).isEqualTo("alice");
    assertThat(es.roles()).contains("ubi:read:team");
    Principal rs = AUTH.authenticate(sign(JWSAlgorithm.RS256, new RSASSASigner(RSA),
        RSA.getKeyID(), claims(b -> b.claim("tenant_id", "globex"))));
    assertThat(rs.tenantId()).isEqualTo("globex");
  }

  @Test
  void refusesAnUnsignedAlgNoneToken() {
    String none = new PlainJWT(claims(b -> b)).serialize();
    assertRefused(none);
  }

  @Test
  void refusesHs256SignedWithThePublicKeyAlgorithmConfusion() throws Exception {
    byte[] publicKeyAsSecret = RSA.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
    String confused = sign(JWSAlgorithm.HS256, new MACSigner(pad(publicKeyAsSecret)),
        RSA.getKeyID(), claims(b -> b));
    assertRefused(confused);
  }

  @Test
  void refusesExpiredWrongAudienceWrongIssuerAndMissingTenantTokens() throws Exception {
    Instant past = Instant.now().minus(Duration.ofHours(2));
    for (UnaryOperator<JWTClaimsSet.Builder> bad : List.<UnaryOperator<JWTClaimsSet.Builder>>of(
        b -> b.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60))),
        b -> b.audience("someone-else"),
        b -> b.issuer("evil"),
        b -> b.claim("tenant_id", null))) {
      assertRefused(sign(JWSAlgorithm.ES256, new ECDSASigner(EC), EC.getKeyID(), claims(bad)));
    }
  }

  @Test
  void refusesATokenSignedByAKeyNotInTheJwksAndGarbage() throws Exception {
    ECKey stranger = generateEc("ec-1");
    assertRefused(sign(JWSAlgorithm.ES256, new ECDSASigner(stranger), stranger.getKeyID(),
        claims(b -> b)));
    assertRefused("not.a.jwt");
    assertRefused("");
  }

  private static void assertRefused(String token) {
    assertThatThrownBy(() -> AUTH.authenticate(token))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(401))
        .hasMessageContaining("token");
  }

  private static JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
    Instant now = Instant.now();
    return change.apply(new JWTClaimsSet.Builder()
        .issuer(ISSUER).subject("alice").audience("ubi")
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
        .claim("tenant_id", "acme").claim("roles", List.of("ubi:read:team"))).build();
  }

  private static String sign(JWSAlgorithm alg, JWSSigner signer, String kid, JWTClaimsSet claims)
      throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid)
        .type(JOSEObjectType.JWT).build(), claims);
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
