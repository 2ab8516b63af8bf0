package io.ubi.serving.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ubi.serving.ApiException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert;

/** Keys, key sets and tokens for the authenticators' tests, and the refusal they expect. */
final class TestTokens {
  static final String ISSUER = "ubi-test";

  private TestTokens() {}

  static ECKey ec(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public JWKS of these keys, as a key server or file holds it. */
  static String jwks(JWK... keys) {
    return new JWKSet(Arrays.stream(keys).map(JWK::toPublicJWK).toList()).toString();
  }

  /** Valid claims of {@code tenant} (subject alice, roles read team and ingest), then changed. */
  static JWTClaimsSet claims(String tenant, UnaryOperator<JWTClaimsSet.Builder> change) {
    Instant now = Instant.now();
    return change
        .apply(
            new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("alice")
                .audience(JwtAuthenticator.AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .claim("tenant_id", tenant)
                .claim("roles", List.of("ubi:read:team", "ubi:ingest")))
        .build();
  }

  /** A valid ES256 token of {@code tenant} signed by {@code key}. */
  static String token(ECKey key, String tenant) {
    return es256(key, claims(tenant, b -> b));
  }

  static String es256(ECKey key, JWTClaimsSet claims) {
    try {
      return sign(JWSAlgorithm.ES256, new ECDSASigner(key), key.getKeyID(), claims);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sign(JWSAlgorithm alg, JWSSigner signer, String kid, JWTClaimsSet claims) {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  /** Asserts that {@code call} fails with {@code status} and a message naming every mention. */
  static AbstractThrowableAssert<?, ? extends Throwable> assertFails(
      int status, ThrowableAssert.ThrowingCallable call, String... mentions) {
    return Assertions.assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              Assertions.assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
              Assertions.assertThat(e.error())
                  .isEqualTo(status == 401 ? "unauthorized" : "unavailable");
              Assertions.assertThat(e.getMessage()).contains("token");
              if (mentions.length > 0) {
                Assertions.assertThat(e.getMessage()).contains(mentions);
              }
            });
  }
}
