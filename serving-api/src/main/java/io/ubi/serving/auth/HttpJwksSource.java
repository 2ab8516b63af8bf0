package io.ubi.serving.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetParseException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.concurrent.TimeoutException;

/**
 * One JWKS fetched over http(s) each time it is asked for; {@link #cached} wraps it in nimbus's
 * cache and rate limiter. HTTP 404 or 410 means the tenant has no key set ({@link
 * NoKeySetException}, a 401 for its tokens); a timeout, a failed connection, another status or an
 * answer that is not a JWK set means the keys are unavailable (503). Redirects are not followed.
 */
final class HttpJwksSource implements JWKSetSource<SecurityContext> {
  private final URI uri;
  private final HttpClient client;
  private final JwksSettings settings;

  HttpJwksSource(URI uri, HttpClient client, JwksSettings settings) {
    this.uri = uri;
    this.client = client;
    this.settings = settings;
  }

  /**
   * The keys at {@code uri}: fetched on first use, kept for {@link JwksSettings#cacheTtl()},
   * fetched again when a token names a key id the set lacks, at most twice per {@link
   * JwksSettings#minRefreshInterval()} (nimbus {@code RateLimitedJWKSetSource}; beyond that the
   * lookup fails with {@code RateLimitReachedException}).
   */
  static JWKSource<SecurityContext> cached(URI uri, HttpClient client, JwksSettings settings) {
    return JWKSourceBuilder.create(new HttpJwksSource(uri, client, settings))
        .cache(settings.cacheTtl().toMillis(), settings.fetchTimeout().toMillis() + 1000)
        .refreshAheadCache(false)
        .rateLimited(settings.minRefreshInterval().toMillis())
        .retrying(false)
        .build();
  }

  @Override
  public JWKSet getJWKSet(
      JWKSetCacheRefreshEvaluator refresh, long currentTime, SecurityContext context)
      throws KeySourceException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(settings.fetchTimeout())
            .header("Accept", "application/jwk-set+json, application/json")
            .GET()
            .build();
    HttpResponse<byte[]> response;
    try {
      response = TrustedEndpoints.exchange(client, request, settings.fetchTimeout());
    } catch (TimeoutException e) {
      throw new JWKSetUnavailableException(
          "the JWKS at "
              + uri
              + " did not answer within "
              + settings.fetchTimeout().toMillis()
              + " ms",
          e);
    } catch (IOException e) {
      throw new JWKSetUnavailableException("cannot fetch the JWKS at " + uri + ": " + e, e);
    }
    int status = response.statusCode();
    if (status == 404 || status == 410) {
      throw new NoKeySetException("no JWKS at " + uri + " (HTTP " + status + ")");
    }
    if (status != 200) {
      throw new JWKSetUnavailableException("the JWKS at " + uri + " answered HTTP " + status);
    }
    try {
      return JWKSet.parse(new String(response.body(), StandardCharsets.UTF_8));
    } catch (ParseException e) {
      throw new JWKSetParseException("the answer of " + uri + " is not a JWK set", e);
    }
  }

  @Override
  public void close() {}
}
