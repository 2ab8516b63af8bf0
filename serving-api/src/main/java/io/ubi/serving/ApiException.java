package io.ubi.serving;

/** An error the API renders as {@code {error, message, request_id}} with its HTTP status. */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String error;
  private final long retryAfterSeconds;

  public ApiException(int status, String error, String message) {
    this(status, error, message, 0);
  }

  private ApiException(int status, String error, String message, long retryAfterSeconds) {
    super(message);
    this.status = status;
    this.error = error;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Seconds the caller should wait before retrying, sent as {@code Retry-After}; 0 for none. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
    return new ApiException(429, "rate_limited", message, retryAfterSeconds);
  }

  public static ApiException unavailable(String message) {
    return new ApiException(503, "unavailable", message);
  }
}
