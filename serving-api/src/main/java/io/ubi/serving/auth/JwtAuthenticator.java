package io.ubi.serving.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
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
 * Verifies ES256 and RS256 JWTs against a JWKS (a file, or an https URL that is fetched and
 * cached). Only those two algorithms are accepted, so unsigned tokens ({@code alg=none}) and
 * algorithm confusion (an HS256 token "signed" with a public key) are refused before any key is
 * used. A token that names its own key ({@code jku}, {@code jwk}, {@code x5u}, {@code x5c}) is
 * refused: keys come from the trusted JWKS alone (RFC 8725). The token must carry {@code sub},
 * {@code exp}, {@code tenant_id} and the configured audience, and be valid now ({@code nbf}).
 */
public final class JwtAuthenticator implements Authenticator {
  public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);
  public static final String AUDIENCE = "ubi";

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  public JwtAuthenticator(JWKSource<SecurityContext> keys, String issuer) {
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
    if (issuer == null || issuer.isBlank()) {
      // Without it, any issuer holding a key of the JWKS could mint tokens UBI accepts.
      throw new IllegalArgumentException(
          "An issuer is required: tokens must name the one" + " configured (jwt.issuer)");
    }
    JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder().issuer(issuer);
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            AUDIENCE, exact.build(), Set.of("sub", "exp", "iat", "tenant_id")));
  }

  /**
   * From a JWKS location: a file path, an https URL, or an http URL on loopback only (keys fetched
   * over plain http elsewhere could be replaced in transit, and with them every token's trust).
   */
  public static JwtAuthenticator fromJwks(String location, String issuer) {
    try {
      if (location.startsWith("http://") || location.startsWith("https://")) {
        URI uri = new URI(location);
        if (uri.getScheme().equals("http") && !isLoopback(uri.getHost())) {
          throw new IllegalArgumentException(
              "Refusing the JWKS at "
                  + location
                  + ": keys over"
                  + " plain http can be replaced in transit; use https (http only on loopback)");
        }
        URL url = uri.toURL();
        return new JwtAuthenticator(JWKSourceBuilder.create(url).retrying(true).build(), issuer);
      }
      JWKSet set = JWKSet.parse(Files.readString(Path.of(location)));
      return new JwtAuthenticator(new ImmutableJWKSet<>(set), issuer);
    } catch (IOException | ParseException | URISyntaxException e) {
      throw new IllegalArgumentException(
          "Cannot load the JWKS from " + location + ": " + e.getMessage(), e);
    }
  }

  private static boolean isLoopback(String host) {
    return host != null
        && (host.equals("localhost")
            || host.equals("127.0.0.1")
            || host.equals("[::1]")
            || host.equals("::1"));
  }

  @Override
  public Principal authenticate(String bearerToken) {
    JWTClaimsSet claims;
    try {
      JWT jwt = JWTParser.parse(bearerToken);
      if (!(jwt instanceof SignedJWT signed)) {
        throw ApiException.unauthorized(
            "The bearer token is not signed (alg "
                + jwt.getHeader().getAlgorithm()
                + "); only ES256 or RS256 signed tokens are accepted.");
      }
      JWSHeader header = signed.getHeader();
      if (header.getJWKURL() != null
          || header.getX509CertURL() != null
          || header.getJWK() != null
          || header.getX509CertChain() != null) {
        // Never followed in any case (keys come from the trusted JWKS alone); refused outright so
        // that a token pointing at its own key says so instead of failing on a signature.
        throw ApiException.unauthorized(
            "The bearer token names its own key (jku, jwk, x5u or x5c header); keys come only"
                + " from the trusted JWKS.");
      }
      if (!ALGORITHMS.contains(header.getAlgorithm())) {
        throw ApiException.unauthorized(
            "The bearer token is signed with "
                + header.getAlgorithm()
                + "; only ES256 or RS256 signed tokens are accepted.");
      }
      if (processor.getJWSKeySelector().selectJWSKeys(header, null).isEmpty()) {
        throw ApiException.unauthorized(
            "The bearer token was refused: no key in the trusted"
                + " JWKS matches its key id '"
                + header.getKeyID()
                + "' and "
                + header.getAlgorithm()
                + ".");
      }
      claims = processor.process(signed, null);
    } catch (ParseException e) {
      throw ApiException.unauthorized("The bearer token is not a JWT: " + e.getMessage());
    } catch (BadJOSEException | JOSEException e) {
      throw ApiException.unauthorized("The bearer token was refused: " + e.getMessage());
    }
    try {
      String tenant = claims.getStringClaim("tenant_id");
      if (tenant == null || tenant.isBlank()) {
        throw ApiException.unauthorized(
            "The bearer token was refused: its tenant_id claim is" + " empty.");
      }
      List<String> roles = claims.getStringListClaim("roles");
      return new Principal(
          claims.getSubject(), tenant, roles == null ? Set.of() : new HashSet<>(roles));
    } catch (ParseException e) {
      throw ApiException.unauthorized(
          "The token's tenant_id or roles claim is malformed: " + e.getMessage());
    }
  }
}
