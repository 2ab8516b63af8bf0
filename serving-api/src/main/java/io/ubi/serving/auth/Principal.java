package io.ubi.serving.auth;

import io.ubi.model.signal.ActorScope;
import io.ubi.serving.ApiException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The verified caller: subject, tenant and roles, all from the token.
 *
 * <p>Roles (PRD 11): {@code ubi:read:actor}, {@code ubi:read:team}, {@code ubi:read:tenant}, {@code
 * ubi:write:config}, {@code ubi:ingest}; {@code admin} and {@code product_ops} are privileged and
 * may act across tenants.
 */
public record Principal(String subject, String tenantId, Set<String> roles) {
  public static final String READ_ACTOR = "ubi:read:actor";
  public static final String READ_TEAM = "ubi:read:team";
  public static final String READ_TENANT = "ubi:read:tenant";
  public static final String INGEST = "ubi:ingest";
  public static final String WRITE_CONFIG = "ubi:write:config";
  public static final Set<String> PRIVILEGED = Set.of("admin", "product_ops");

  /**
   * The form of a tenant id, as the envelope contract has it: it starts with a letter or digit, so
   * it is never {@code .} or {@code ..}, and has no separator, so it may name a file or a URL path
   * segment (a tenant's JWKS) without reaching outside it.
   */
  public static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  public Principal {
    roles = Set.copyOf(roles);
  }

  public static boolean isTenantId(String value) {
    return value != null && TENANT_ID.matcher(value).matches();
  }

  public boolean isPrivileged() {
    return roles.stream().anyMatch(PRIVILEGED::contains);
  }

  /** The role that reads data of a scope: actor and cohort data are about people. */
  public static String readRoleFor(ActorScope scope) {
    return switch (scope) {
      case ACTOR, COHORT -> READ_ACTOR;
      case TEAM -> READ_TEAM;
      case TENANT -> READ_TENANT;
    };
  }

  public void require(String role) {
    if (!isPrivileged() && !roles.contains(role)) {
      throw ApiException.forbidden("This token lacks the role " + role + " needed here.");
    }
  }

  /** The tenant a request may act on: its own, or any for privileged callers. */
  public String tenantFor(String requested) {
    if (requested == null || requested.isBlank() || requested.equals(tenantId)) {
      return tenantId;
    }
    if (!isPrivileged()) {
      throw ApiException.forbidden(
          "The token's tenant is '"
              + tenantId
              + "'; access to tenant '"
              + requested
              + "' is refused.");
    }
    return requested;
  }
}
