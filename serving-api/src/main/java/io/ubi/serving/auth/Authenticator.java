package io.ubi.serving.auth;

/**
 * Verifies a bearer token and returns the caller. Two implementations: {@link JwtAuthenticator}
 * verifies JWTs locally against a JWKS (one, or one per tenant), {@link IamAuthenticator} asks IAM
 * ({@code POST /iam/v1/verify}).
 */
@FunctionalInterface
public interface Authenticator {
  /**
   * The caller the token names. Throws {@link io.ubi.serving.ApiException}: 401 if the token is not
   * acceptable, 503 if what verifies it (a key server, IAM) cannot answer now.
   */
  Principal authenticate(String bearerToken);
}
