package io.ubi.serving.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The rules for the neighbouring services UBI trusts (a JWKS, IAM, Data Governance): https, or
 * plain http only on loopback, since keys or verdicts fetched over plain http elsewhere could be
 * replaced in transit, and with them every token's trust. Also the one way such a service is
 * called: no redirects followed, one deadline for the whole exchange, and a bounded answer.
 */
public final class TrustedEndpoints {
  /** The largest answer read from a key server or IAM. */
  static final int MAX_ANSWER_BYTES = 256 * 1024;

  private TrustedEndpoints() {}

  /**
   * The URI of {@code location}, or {@link IllegalArgumentException} saying why {@code what} may
   * not be fetched from there.
   */
  public static URI check(String location, String what) {
    URI uri;
    try {
      uri = new URI(location);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "Refusing the " + what + " at " + location + ": not a URL (" + e.getMessage() + ")");
    }
    String scheme =
        uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException(
          "Refusing the " + what + " at " + location + ": only https (or http on loopback)");
    }
    if (uri.getHost() == null || uri.getHost().isBlank() || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "Refusing the " + what + " at " + location + ": it needs a host and no user info");
    }
    if (scheme.equals("http") && !isLoopback(uri.getHost())) {
      throw new IllegalArgumentException(
          "Refusing the "
              + what
              + " at "
              + location
              + ": plain http can be tampered with in transit; use https (http only on loopback)");
    }
    return uri;
  }

  static boolean isLoopback(String host) {
    return host != null
        && (host.equalsIgnoreCase("localhost")
            || host.equals("127.0.0.1")
            || host.equals("[::1]")
            || host.equals("::1"));
  }

  /** A client that never follows redirects, with this connect timeout. */
  public static HttpClient client(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * Sends {@code request} and waits at most {@code deadline} for the whole answer.
   *
   * @throws TimeoutException when the deadline passes (the exchange is cancelled)
   * @throws IOException when the connection fails, or the answer exceeds {@link #MAX_ANSWER_BYTES}
   */
  public static HttpResponse<byte[]> exchange(
      HttpClient client, HttpRequest request, Duration deadline)
      throws IOException, TimeoutException {
    CompletableFuture<HttpResponse<byte[]>> answer =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    try {
      HttpResponse<byte[]> response = answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      if (response.body().length > MAX_ANSWER_BYTES) {
        throw new IOException("the answer exceeds " + MAX_ANSWER_BYTES + " bytes");
      }
      return response;
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw e;
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof java.net.http.HttpTimeoutException timeout) {
        TimeoutException t = new TimeoutException(timeout.getMessage());
        t.initCause(timeout);
        throw t;
      }
      throw cause instanceof IOException io
          ? io
          : new IOException(String.valueOf(cause.getMessage()), cause);
    }
  }
}
