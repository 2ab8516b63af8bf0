package io.ubi.serving.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trusted keys, chosen by the tenant a token claims: with a per-tenant {@link JwksLocation},
 * each tenant's keys come from its own JWKS only, so a token is verified against the keys of the
 * tenant it names and no other. The sources are built on first use and kept for at most {@link
 * JwksSettings#maxTenants()} tenants, the least recently used dropped first: files are read again
 * when they change, URLs are cached and rate limited as {@link HttpJwksSource#cached} says. With a
 * shared location there is one source for every tenant.
 *
 * <p>The tenant travels as the {@link TenantContext} nimbus hands to the key source; a lookup
 * without one fails.
 */
final class TenantKeySources implements JWKSource<SecurityContext> {
  /** The tenant whose keys a lookup is for (already in {@link Principal#TENANT_ID} form). */
  record TenantContext(String tenantId) implements SecurityContext {}

  private final JwksLocation location;
  private final JwksSettings settings;
  private final HttpClient client;
  private final JWKSource<SecurityContext> shared;
  private final Map<String, JWKSource<SecurityContext>> perTenant;

  TenantKeySources(JwksLocation location, JwksSettings settings) {
    this.location = location;
    this.settings = settings;
    this.client = location.isUrl() ? TrustedEndpoints.client(settings.fetchTimeout()) : null;
    this.shared = location.isPerTenant() ? null : build(null);
    this.perTenant =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, JWKSource<SecurityContext>> e) {
            return size() > settings.maxTenants();
          }
        };
  }

  boolean isPerTenant() {
    return location.isPerTenant();
  }

  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
    if (shared != null) {
      return shared.get(selector, context);
    }
    if (!(context instanceof TenantContext tenant)) {
      throw new KeySourceException("A per-tenant key lookup needs the token's tenant");
    }
    return source(tenant.tenantId()).get(selector, context);
  }

  /** How many tenants' sources are kept now. */
  synchronized int tenantsKept() {
    return perTenant.size();
  }

  private synchronized JWKSource<SecurityContext> source(String tenant) {
    return perTenant.computeIfAbsent(tenant, this::build);
  }

  private JWKSource<SecurityContext> build(String tenant) {
    if (location.isUrl()) {
      return HttpJwksSource.cached(
          tenant == null ? location.uri() : location.uri(tenant), client, settings);
    }
    return new JWKSetBasedJWKSource<>(
        new FileJwksSource(tenant == null ? location.file() : location.file(tenant)));
  }
}
