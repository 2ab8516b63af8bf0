package io.ubi.serving.auth;

/**
 * Verifies a bearer token and returns the caller. The seam for IAM: {@link JwtAuthenticator}
 * verifies JWTs locally against a JWKS; an IAM client calling {@code POST /iam/v1/verify} would
 * implement the same interface.
 */
@FunctionalInterface
public interface Authenticator {
  /** Throws {@link io.ubi.serving.ApiException} (401) if the token is not acceptable. */
  Principal authenticate(String bearerToken);
}
