package io.ubi.serving.auth;

import com.nimbusds.jose.KeySourceException;

/**
 * There is no key set at a tenant's JWKS location (no file, or HTTP 404 or 410): the tenant has no
 * trusted keys, so each of its tokens is refused (401), unlike a key server that cannot answer
 * (503).
 */
final class NoKeySetException extends KeySourceException {
  NoKeySetException(String message) {
    super(message);
  }
}
