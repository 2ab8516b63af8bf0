package io.ubi.serving.auth;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where trusted keys are: a JWKS file or URL, either one for all tenants or, when the location
 * contains {@value #PLACEHOLDER}, a template with one JWKS per tenant ("space"), e.g. {@code
 * https://iam.example/spaces/{tenant_id}/jwks.json} or {@code /etc/ubi/keys/{tenant_id}.jwks.json}.
 *
 * <p>A URL must be https, or http on loopback only. In a URL template the placeholder may stand in
 * the path or query, never in the host. A tenant id is substituted only if it has the form of
 * {@link Principal#TENANT_ID} (letters, digits, {@code . _ -}, starting with a letter or digit), so
 * it can neither climb out of a directory ({@code ..}, {@code /}) nor change the URL's host, path
 * or query structure; the substituted location is checked again before use.
 */
public final class JwksLocation {
  public static final String PLACEHOLDER = "{tenant_id}";
  private static final String SAMPLE_A = "tenant-a";
  private static final String SAMPLE_B = "b";

  private final String location;
  private final boolean url;
  private final boolean perTenant;

  private JwksLocation(String location) {
    this.location = location;
    String lower = location.toLowerCase(java.util.Locale.ROOT);
    this.url = lower.startsWith("http://") || lower.startsWith("https://");
    this.perTenant = location.contains(PLACEHOLDER);
  }

  /**
   * Parses and checks a location; {@link IllegalArgumentException} says what is wrong with it.
   * Nothing is read or fetched.
   */
  public static JwksLocation parse(String location) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("The JWKS location is empty");
    }
    JwksLocation parsed = new JwksLocation(location.trim());
    String rest = parsed.location.replace(PLACEHOLDER, "");
    if (rest.contains("{") || rest.contains("}")) {
      throw new IllegalArgumentException(
          "The JWKS location "
              + location
              + " has a placeholder other than "
              + PLACEHOLDER
              + ", the only one there is");
    }
    if (!parsed.url && parsed.location.matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      throw new IllegalArgumentException(
          "The JWKS location "
              + location
              + " is neither a file path nor an https URL (http only on loopback)");
    }
    if (parsed.url) {
      URI a = TrustedEndpoints.check(parsed.location.replace(PLACEHOLDER, SAMPLE_A), "JWKS");
      URI b = TrustedEndpoints.check(parsed.location.replace(PLACEHOLDER, SAMPLE_B), "JWKS");
      if (!Objects.equals(a.getRawAuthority(), b.getRawAuthority())) {
        throw new IllegalArgumentException(
            "The JWKS location "
                + location
                + " puts "
                + PLACEHOLDER
                + " in the host; it may stand only in the path or query");
      }
      if (a.getRawFragment() != null || !a.normalize().equals(a)) {
        throw new IllegalArgumentException(
            "The JWKS location " + location + " has a fragment or a . or .. path segment");
      }
    } else {
      Path.of(parsed.location.replace(PLACEHOLDER, SAMPLE_A));
    }
    return parsed;
  }

  /** The problem with {@code location} as a JWKS location, or null if it is usable. */
  public static String problem(String location) {
    try {
      parse(location);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  public boolean isUrl() {
    return url;
  }

  /** True when each tenant has its own JWKS (the location contains {@value #PLACEHOLDER}). */
  public boolean isPerTenant() {
    return perTenant;
  }

  @Override
  public String toString() {
    return location;
  }

  /** The one URL for all tenants. */
  URI uri() {
    requireShared();
    return URI.create(location);
  }

  /** The one file for all tenants. */
  Path file() {
    requireShared();
    return Path.of(location);
  }

  /** The URL of {@code tenant}'s JWKS. */
  URI uri(String tenant) {
    String resolved = substitute(tenant);
    URI uri = TrustedEndpoints.check(resolved, "JWKS");
    URI sample = URI.create(location.replace(PLACEHOLDER, SAMPLE_A));
    if (!Objects.equals(uri.getRawAuthority(), sample.getRawAuthority())
        || !uri.normalize().equals(uri)) {
      throw new IllegalArgumentException("The tenant id changes the JWKS URL's structure");
    }
    return uri;
  }

  /** The file of {@code tenant}'s JWKS. */
  Path file(String tenant) {
    Path path = Path.of(substitute(tenant)).toAbsolutePath();
    Path sample = Path.of(location.replace(PLACEHOLDER, SAMPLE_A)).toAbsolutePath();
    if (path.normalize().getNameCount() != sample.normalize().getNameCount()) {
      throw new IllegalArgumentException("The tenant id changes the JWKS file's directory");
    }
    return path;
  }

  private String substitute(String tenant) {
    if (!perTenant) {
      throw new IllegalStateException("The JWKS location " + location + " is not per tenant");
    }
    if (!Principal.isTenantId(tenant)) {
      throw new IllegalArgumentException("Not a tenant id: refused before any key is looked up");
    }
    return location.replace(PLACEHOLDER, tenant);
  }

  private void requireShared() {
    if (perTenant) {
      throw new IllegalStateException("The JWKS location " + location + " is per tenant");
    }
  }
}
