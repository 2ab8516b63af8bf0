package io.ubi.launcher;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The keys of a local installation, generated on first use under {@code <data dir>/keys} (never in
 * the repository): an ES256 signing key whose public half is the JWKS the API trusts, and the
 * pseudonymisation key. A deployment with a real IAM points {@code jwks} at IAM's JWKS and sets
 * {@code pseudonym.key} instead.
 */
public final class LocalKeys {
  private final Path dir;

  public LocalKeys(Path dir) {
    this.dir = dir;
  }

  public Path jwksFile() {
    return dir.resolve("jwks.json");
  }

  /** The signing key, created with its JWKS if missing. */
  public ECKey signingKey() {
    Path file = dir.resolve("signing-key.jwk.json");
    try {
      if (Files.exists(file)) {
        return ECKey.parse(Files.readString(file));
      }
      ECKey key =
          new ECKeyGenerator(Curve.P_256)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.ES256)
              .keyID("ubi-local-" + UUID.randomUUID())
              .generate();
      writePrivate(file, key.toJSONString());
      Files.writeString(jwksFile(), new JWKSet(key.toPublicJWK()).toString());
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write keys in " + dir, e);
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException(
          "The signing key in "
              + file
              + " is unusable: "
              + e.getMessage()
              + ". Delete it to generate a new one.",
          e);
    }
  }

  /** The pseudonymisation key, created if missing. Losing it changes every pseudonym. */
  public String pseudonymKey() {
    Path file = dir.resolve("pseudonym.key");
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      byte[] bytes = new byte[48];
      new SecureRandom().nextBytes(bytes);
      String key = Base64.getEncoder().encodeToString(bytes);
      writePrivate(file, key);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write " + file, e);
    }
  }

  /** A short-lived ES256 token for a tenant with the given roles. */
  public String mint(
      String issuer, String subject, String tenantId, List<String> roles, Duration ttl) {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(subject)
            .audience("ubi")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .claim("tenant_id", tenantId)
            .claim("roles", roles)
            .build();
    ECKey key = signingKey();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    try {
      jwt.sign(new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot sign a token: " + e.getMessage(), e);
    }
    return jwt.serialize();
  }

  private void writePrivate(Path file, String content) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(file, content);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the file keeps the directory's default permissions.
    }
  }
}
