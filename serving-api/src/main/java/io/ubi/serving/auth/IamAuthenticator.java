package io.ubi.serving.auth;

import io.ubi.model.Json;
import io.ubi.serving.ApiException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delegates token verification to IAM (PRD 11, EPC-1): each bearer token is posted to {@code
 * {iam.url}/iam/v1/verify} and IAM's answer names the caller.
 *
 * <p>The contract assumed:
 *
 * <pre>
 * POST {iam.url}/iam/v1/verify      Content-Type: application/json
 * {"token": "&lt;the bearer JWT&gt;"}
 *
 * 200 application/json
 * {"active": true, "sub": "u-123", "tenant_id": "acme", "roles": ["ubi:read:team"], "exp": 1767225600}
 * </pre>
 *
 * <ul>
 *   <li>{@code "active": true} with a non-empty string {@code sub}, a {@code tenant_id} of the form
 *       {@link Principal#TENANT_ID}, optional {@code roles} (a list of strings) and optional {@code
 *       exp} (seconds since the epoch, in the future): the caller. IAM alone judges signature,
 *       issuer, audience and revocation.
 *   <li>{@code "active": false}, or HTTP 400, 401 or 403: the token is refused (401).
 *   <li>{@code active: true} but {@code sub} or {@code tenant_id} missing or not strings, roles not
 *       strings, {@code exp} not a whole number or past: refused (401).
 *   <li>No verdict: a timeout ({@code iam.timeout.ms}, for connecting and for the whole answer), a
 *       failed connection, any other status (redirects are not followed), a body that is not JSON,
 *       not {@code application/json}, not an object or without a boolean {@code active}: 503 {@code
 *       unavailable}, so the client retries; never a pass.
 * </ul>
 *
 * <p>Junk that can be refused locally (not a signed compact JWT, {@code alg=none}, see {@link
 * TokenShape}) never reaches IAM. Positive answers are kept for {@code min(exp, cacheTtl)} in a
 * bounded cache keyed by the token's SHA-256 ({@link VerifiedTokenCache}), so revocation takes
 * effect within {@code cacheTtl}. IAM is reached over https, or plain http on loopback only.
 */
public final class IamAuthenticator implements Authenticator {
  public static final String VERIFY_PATH = "/iam/v1/verify";
  static final int CACHE_ENTRIES = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(IamAuthenticator.class);

  private final URI verify;
  private final Duration timeout;
  private final HttpClient client;
  private final VerifiedTokenCache<Principal> cache;
  private final Clock clock;

  /**
   * @param iamUrl IAM's base URL, e.g. {@code https://iam.example}
   * @param timeout for connecting, and for the whole answer
   * @param cacheTtl how long a positive answer may be reused at most (zero: never)
   */
  public IamAuthenticator(String iamUrl, Duration timeout, Duration cacheTtl) {
    this(iamUrl, timeout, cacheTtl, Clock.systemUTC());
  }

  IamAuthenticator(String iamUrl, Duration timeout, Duration cacheTtl, Clock clock) {
    if (timeout.isNegative() || timeout.isZero() || cacheTtl.isNegative()) {
      throw new IllegalArgumentException(
          "The IAM timeout must be positive, its cache time not negative");
    }
    this.verify = verifyUri(iamUrl);
    this.timeout = timeout;
    this.client = TrustedEndpoints.client(timeout);
    this.clock = clock;
    this.cache = new VerifiedTokenCache<>(clock, cacheTtl, CACHE_ENTRIES);
  }

  /** The problem with {@code iamUrl} as IAM's base URL, or null if it is usable. */
  public static String urlProblem(String iamUrl) {
    try {
      verifyUri(iamUrl);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static URI verifyUri(String iamUrl) {
    URI base =
        TrustedEndpoints.check(iamUrl == null ? "" : iamUrl.trim(), "identity service (IAM)");
    if (base.getRawQuery() != null || base.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "Refusing the identity service (IAM) at "
              + iamUrl
              + ": a base URL has no query or fragment");
    }
    String s = base.toString();
    return URI.create((s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + VERIFY_PATH);
  }

  /** Where tokens are posted. */
  public URI verifyUri() {
    return verify;
  }

  @Override
  public Principal authenticate(String bearerToken) {
    TokenShape.signed(bearerToken);
    Principal cached = cache.get(bearerToken);
    if (cached != null) {
      return cached;
    }
    HttpRequest request =
        HttpRequest.newBuilder(verify)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("token", bearerToken))))
            .build();
    HttpResponse<byte[]> response;
    try {
      response = TrustedEndpoints.exchange(client, request, timeout);
    } catch (TimeoutException e) {
      throw unavailable("it did not answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      LOG.warn("Cannot reach the identity service at {}: {}", verify, e.toString());
      throw unavailable("it cannot be reached");
    }
    IamAnswer answer = IamAnswer.read(response, clock.instant());
    cache.put(bearerToken, answer.principal(), answer.exp());
    return answer.principal();
  }

  /** The 503 a request gets when IAM gives no verdict on its token. */
  static ApiException unavailable(String why) {
    LOG.warn("The identity service gave no verdict: {}", why);
    return ApiException.unavailable(
        "The identity service (IAM) is unavailable: "
            + why
            + "; the bearer token cannot be verified now, try again later.");
  }

  /** How many positive answers are kept now. */
  int cached() {
    return cache.size();
  }
}
