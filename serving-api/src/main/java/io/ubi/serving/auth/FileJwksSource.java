package io.ubi.serving.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetParseException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.ParseException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JWKS file, read again whenever it changes (modification time, size or file identity, so an
 * atomic rename counts too): rotating keys is replacing the file, without a restart. Looking costs
 * one file stat per call. A missing file means no trusted keys ({@link NoKeySetException}); a
 * replacement that cannot be parsed keeps the last good set in force (and is logged) until the file
 * changes again, and with no good set before it the keys are unavailable.
 */
final class FileJwksSource implements JWKSetSource<SecurityContext> {
  private static final Logger LOG = LoggerFactory.getLogger(FileJwksSource.class);

  private final Path file;
  private volatile Loaded loaded;

  private record Loaded(Object stamp, JWKSet keys) {}

  FileJwksSource(Path file) {
    this.file = file;
  }

  @Override
  public JWKSet getJWKSet(
      JWKSetCacheRefreshEvaluator refresh, long currentTime, SecurityContext context)
      throws KeySourceException {
    Object stamp;
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      stamp =
          java.util.List.of(
              attributes.lastModifiedTime(),
              attributes.size(),
              Objects.requireNonNullElse(attributes.fileKey(), ""));
    } catch (NoSuchFileException e) {
      loaded = null;
      throw new NoKeySetException("no JWKS file " + file);
    } catch (IOException e) {
      throw new JWKSetUnavailableException("cannot read the JWKS file " + file, e);
    }
    Loaded current = loaded;
    if (current != null && current.stamp().equals(stamp)) {
      return current.keys();
    }
    return reload(stamp, current);
  }

  private synchronized JWKSet reload(Object stamp, Loaded previous) throws KeySourceException {
    Loaded current = loaded;
    if (current != null && current.stamp().equals(stamp)) {
      return current.keys();
    }
    try {
      JWKSet keys = JWKSet.parse(Files.readString(file));
      loaded = new Loaded(stamp, keys);
      return keys;
    } catch (NoSuchFileException e) {
      loaded = null;
      throw new NoKeySetException("no JWKS file " + file);
    } catch (IOException e) {
      throw new JWKSetUnavailableException("cannot read the JWKS file " + file, e);
    } catch (ParseException e) {
      if (previous != null) {
        LOG.warn("The JWKS file {} changed but cannot be parsed; keeping its last keys", file, e);
        loaded = new Loaded(stamp, previous.keys());
        return previous.keys();
      }
      throw new JWKSetParseException("the JWKS file " + file + " is not a JWK set", e);
    }
  }

  @Override
  public void close() {}
}
