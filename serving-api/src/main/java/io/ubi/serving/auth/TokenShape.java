package io.ubi.serving.auth;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.ubi.serving.ApiException;
import java.text.ParseException;

/**
 * What can be refused in a bearer token without any key or service: anything that is not a signed
 * JWT in compact form (three base64url segments, a JSON header and payload, a signature), unsigned
 * tokens ({@code alg=none} in any case), and tokens longer than {@value #MAX_CHARS} characters.
 * Every authenticator runs this first, so junk never costs a key lookup or a call to IAM.
 */
final class TokenShape {
  static final int MAX_CHARS = 16 * 1024;

  private TokenShape() {}

  /** The token as a signed JWT, its claims parsed; a 401 if it is not one. */
  static SignedJWT signed(String bearerToken) {
    if (bearerToken == null || bearerToken.length() > MAX_CHARS) {
      throw ApiException.unauthorized(
          "The bearer token is not a JWT: missing or longer than " + MAX_CHARS + " characters.");
    }
    JWT jwt;
    try {
      jwt = JWTParser.parse(bearerToken);
    } catch (ParseException e) {
      throw ApiException.unauthorized("The bearer token is not a JWT: " + e.getMessage());
    }
    if (!(jwt instanceof SignedJWT signed)) {
      throw ApiException.unauthorized(
          "The bearer token is not signed (alg "
              + jwt.getHeader().getAlgorithm()
              + "); only signed tokens are accepted.");
    }
    JWSHeader header = signed.getHeader();
    if (header.getAlgorithm() == null
        || header.getAlgorithm().getName().trim().equalsIgnoreCase("none")
        || signed.getSignature() == null
        || signed.getSignature().toString().isEmpty()) {
      throw ApiException.unauthorized(
          "The bearer token is not signed (alg "
              + header.getAlgorithm()
              + "); only signed tokens are accepted.");
    }
    try {
      signed.getJWTClaimsSet();
    } catch (ParseException e) {
      throw ApiException.unauthorized("The bearer token is not a JWT: " + e.getMessage());
    }
    return signed;
  }
}
