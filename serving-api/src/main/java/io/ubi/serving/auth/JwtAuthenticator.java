package io.ubi.serving.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.ubi.serving.ApiException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies ES256 and RS256 JWTs against a JWKS (a file, or an https URL that is fetched and cached).
 * Only those two algorithms are accepted, so unsigned tokens ({@code alg=none}) and algorithm
 * confusion (an HS256 token "signed" with a public key) are refused before any key is used. The
 * token must carry {@code sub}, {@code exp}, {@code tenant_id} and the configured audience.
 */
public final class JwtAuthenticator implements Authenticator {
  public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);
  public static final String AUDIENCE = "ubi";

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  public JwtAuthenticator(JWKSource<SecurityContext> keys, String issuer) {
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
    JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
    if (issuer != null && !issuer.isBlank()) {
      exact.issuer(issuer);
    }
    processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(AUDIENCE, exact.build(),
        Set.of("sub", "exp", "iat", "tenant_id")));
  }

  /** From a JWKS location: a file path or an http(s) URL. */
  public static JwtAuthenticator fromJwks(String location, String issuer) {
    try {
      if (location.startsWith("http://") || location.startsWith("https://")) {
        URL url = new URI(location).toURL();
        return new JwtAuthenticator(JWKSourceBuilder.create(url).retrying(true).build(), issuer);
      }
      JWKSet set = JWKSet.parse(Files.readString(Path.of(location)));
      return new JwtAuthenticator(new ImmutableJWKSet<>(set), issuer);
    } catch (IOException | ParseException | URISyntaxException e) {
      throw new IllegalArgumentException("Cannot load the JWKS from " + location + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public Principal authenticate(String bearerToken) {
    JWTClaimsSet claims;
    try {
      claims = processor.process(bearerToken, null);
    } catch (ParseException e) {
      throw ApiException.unauthorized("The bearer token is not a JWT: " + e.getMessage());
    } catch (BadJOSEException | JOSEException e) {
      throw ApiException.unauthorized("The bearer token was refused: " + e.getMessage());
    }
    try {
      String tenant = claims.getStringClaim("tenant_id");
      List<String> roles = claims.getStringListClaim("roles");
      return new Principal(claims.getSubject(), tenant,
          roles == null ? Set.of() : new HashSet<>(roles));
    } catch (ParseException e) {
      throw ApiException.unauthorized("The token's tenant_id or roles claim is malformed: "
          + e.getMessage());
    }
  }
}
