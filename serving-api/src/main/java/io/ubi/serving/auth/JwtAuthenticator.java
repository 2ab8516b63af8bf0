package io.ubi.serving.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.ubi.serving.ApiException;
import java.security.Key;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies ES256 and RS256 JWTs locally against trusted keys: one JWKS for every tenant, or one per
 * tenant (space) when the JWKS location is a template with {@value JwksLocation#PLACEHOLDER} (see
 * {@link JwksLocation}, {@link JwksSettings}).
 *
 * <p>Only those two algorithms are accepted, so unsigned tokens ({@code alg=none}) and algorithm
 * confusion (an HS256 token "signed" with a public key) are refused before any key is used. A token
 * that names its own key ({@code jku}, {@code jwk}, {@code x5u}, {@code x5c}) is refused: keys come
 * from the trusted JWKS alone (RFC 8725). The token must carry {@code sub}, {@code exp}, {@code
 * iat}, {@code tenant_id}, the configured issuer and the audience {@value #AUDIENCE}, and be valid
 * now ({@code nbf}).
 *
 * <p>Per tenant, the unverified {@code tenant_id} claim serves only to choose whose keys verify the
 * signature; it must have the form of {@link Principal#TENANT_ID} first. A token of tenant A signed
 * with A's key but claiming tenant B is checked against B's keys and refused, and so is a token of
 * a tenant without a key set (401). A key server that cannot answer makes the token's check fail
 * with 503, never a pass.
 */
public final class JwtAuthenticator implements Authenticator {
  public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);
  public static final String AUDIENCE = "ubi";
  private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);

  /**
   * How long a verified token is known by its SHA-256 (never past its {@code exp}): a signature
   * check costs about a millisecond of CPU, a lookup microseconds. A token known is taken only
   * while the keys that verified it are still in its tenant's JWKS, so removing a key revokes at
   * once.
   */
  public static final java.time.Duration VERIFIED_FOR = java.time.Duration.ofSeconds(60);

  static final int VERIFIED_ENTRIES = 10_000;

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final boolean perTenant;
  private final VerifiedTokenCache<Verified> verified =
      new VerifiedTokenCache<>(java.time.Clock.systemUTC(), VERIFIED_FOR, VERIFIED_ENTRIES);

  /** A token verified: who it names, and the keys its header selected then. */
  private record Verified(
      Principal principal, JWSHeader header, SecurityContext context, List<? extends Key> keys) {}

  /** Verifies against {@code keys} for every tenant. */
  public JwtAuthenticator(JWKSource<SecurityContext> keys, String issuer) {
    this(keys, issuer, false);
  }

  private JwtAuthenticator(JWKSource<SecurityContext> keys, String issuer, boolean perTenant) {
    this.perTenant = perTenant;
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
    if (issuer == null || issuer.isBlank()) {
      // Without it, any issuer holding a key of the JWKS could mint tokens UBI accepts.
      throw new IllegalArgumentException(
          "An issuer is required: tokens must name the one configured (jwt.issuer)");
    }
    JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder().issuer(issuer);
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            AUDIENCE, exact.build(), Set.of("sub", "exp", "iat", "tenant_id")));
  }

  /**
   * From a JWKS location with the default cache settings; see {@link #fromJwks(String, String,
   * JwksSettings)}.
   */
  public static JwtAuthenticator fromJwks(String location, String issuer) {
    return fromJwks(location, issuer, JwksSettings.DEFAULT);
  }

  /**
   * From a JWKS location: a file path, an https URL, or an http URL on loopback only, each either
   * shared or a per-tenant template. A shared file is read now, so a missing one fails at start-up;
   * per-tenant sets are read when a tenant's first token arrives.
   */
  public static JwtAuthenticator fromJwks(String location, String issuer, JwksSettings settings) {
    JwksLocation where = JwksLocation.parse(location);
    TenantKeySources keys = new TenantKeySources(where, settings);
    if (!where.isPerTenant() && !where.isUrl()) {
      try {
        new FileJwksSource(where.file()).getJWKSet(null, System.currentTimeMillis(), null);
      } catch (KeySourceException e) {
        throw new IllegalArgumentException(
            "Cannot load the JWKS from " + location + ": " + e.getMessage(), e);
      }
    }
    return new JwtAuthenticator(keys, issuer, where.isPerTenant());
  }

  @Override
  public Principal authenticate(String bearerToken) {
    Verified seen = verified.get(bearerToken);
    if (seen != null && stillTrusted(seen)) {
      return seen.principal();
    }
    SignedJWT signed = TokenShape.signed(bearerToken);
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
    String claimedTenant = perTenant ? claimedTenant(signed) : null;
    SecurityContext context =
        claimedTenant == null ? null : new TenantKeySources.TenantContext(claimedTenant);
    JWTClaimsSet claims;
    List<? extends Key> keys;
    try {
      keys = processor.getJWSKeySelector().selectJWSKeys(header, context);
      if (keys.isEmpty()) {
        throw noKey(header, claimedTenant, "");
      }
      claims = processor.process(signed, context);
    } catch (NoKeySetException e) {
      LOG.debug("No key set for tenant {}: {}", claimedTenant, e.getMessage());
      throw ApiException.unauthorized(
          "The bearer token was refused: "
              + (claimedTenant == null ? "there is" : "tenant '" + claimedTenant + "' has")
              + " no trusted key set (JWKS).");
    } catch (RateLimitReachedException e) {
      throw noKey(header, claimedTenant, " (the key set was fetched again moments ago)");
    } catch (KeySourceException e) {
      LOG.warn("The trusted keys (JWKS) cannot be read: {}", e.getMessage(), e);
      throw ApiException.unavailable(
          "The trusted keys (JWKS) are unavailable, so the bearer token cannot be verified now;"
              + " try again later.");
    } catch (BadJOSEException | JOSEException e) {
      throw ApiException.unauthorized("The bearer token was refused: " + e.getMessage());
    }
    Principal principal = principal(claims, claimedTenant);
    verified.put(
        bearerToken,
        new Verified(principal, header, context, keys),
        claims.getExpirationTime().toInstant());
    return principal;
  }

  /** Whether every key that verified a known token is still trusted for it. */
  private boolean stillTrusted(Verified v) {
    try {
      return processor
          .getJWSKeySelector()
          .selectJWSKeys(v.header(), v.context())
          .containsAll(v.keys());
    } catch (KeySourceException e) {
      return false; // verified again in full, which says what is wrong
    }
  }

  /** The unverified tenant claim, only to choose keys: a 401 unless it is a well-formed id. */
  private static String claimedTenant(SignedJWT signed) {
    Object tenant;
    try {
      tenant = signed.getJWTClaimsSet().getClaim("tenant_id");
    } catch (ParseException e) {
      throw ApiException.unauthorized("The bearer token is not a JWT: " + e.getMessage());
    }
    if (tenant == null) {
      throw ApiException.unauthorized(
          "The bearer token was refused: it is missing required claims [tenant_id].");
    }
    if (!(tenant instanceof String id) || !Principal.isTenantId(id)) {
      throw ApiException.unauthorized(
          "The bearer token was refused: its tenant_id claim is malformed (a tenant id is"
              + " letters, digits, '.', '_' or '-', at most 64, starting with a letter or digit).");
    }
    return id;
  }

  private static ApiException noKey(JWSHeader header, String tenant, String why) {
    return ApiException.unauthorized(
        "The bearer token was refused: no key in the trusted JWKS"
            + (tenant == null ? "" : " of tenant '" + tenant + "'")
            + " matches its key id '"
            + header.getKeyID()
            + "' and "
            + header.getAlgorithm()
            + why
            + ".");
  }

  private static Principal principal(JWTClaimsSet claims, String keysOfTenant) {
    try {
      String tenant = claims.getStringClaim("tenant_id");
      if (tenant == null || tenant.isBlank()) {
        throw ApiException.unauthorized(
            "The bearer token was refused: its tenant_id claim is empty.");
      }
      if (keysOfTenant != null && !keysOfTenant.equals(tenant)) {
        // Unreachable while the claims verified are the ones read before; checked all the same.
        throw ApiException.unauthorized(
            "The bearer token was refused: it was verified with another tenant's keys.");
      }
      List<String> roles = claims.getStringListClaim("roles");
      return new Principal(
          claims.getSubject(), tenant, roles == null ? Set.of() : new HashSet<>(roles));
    } catch (ParseException e) {
      throw ApiException.unauthorized(
          "The token's tenant_id or roles claim is malformed: " + e.getMessage());
    }
  }

  /** How many verified tokens are known now. */
  int known() {
    return verified.size();
  }
}
