package io.ubi.model;

import java.util.List;

/**
 * The one place product errors are built, so messages stay uniform: the problem, why, and the fix.
 */
public final class UbiErrors {
  private UbiErrors() {}

  public static UbiException malformedJson(String detail) {
    return new UbiException("malformed_json", "Malformed JSON: " + detail);
  }

  public static UbiException invalidConfig(List<String> problems) {
    return new UbiException(
        "invalid_config",
        "Invalid configuration ("
            + problems.size()
            + " problem"
            + (problems.size() == 1 ? "" : "s")
            + "):\n  - "
            + String.join("\n  - ", problems));
  }

  public static UbiException invalidTenantConfig(String tenantId, List<String> problems) {
    return new UbiException(
        "invalid_tenant_config",
        "Invalid tenant configuration for '"
            + tenantId
            + "':\n  - "
            + String.join("\n  - ", problems));
  }

  /** Another writer stored a tenant's next config version first. */
  public static UbiException configConflict(
      String tenantId, int version, String storedBy, java.time.Instant storedAt) {
    return new UbiException(
        "config_conflict",
        "Version "
            + version
            + " of tenant "
            + tenantId
            + " was stored by "
            + storedBy
            + " at "
            + storedAt
            + " first: read the current version and apply the change to it");
  }

  public static UbiException invalidFeatureCatalogue(List<String> problems) {
    return new UbiException(
        "invalid_feature_catalogue",
        "Invalid feature catalogue ("
            + problems.size()
            + " problem"
            + (problems.size() == 1 ? "" : "s")
            + "); fix the catalogue file:\n  - "
            + String.join("\n  - ", problems));
  }

  public static UbiException invalidTaxonomy(List<String> problems) {
    return new UbiException(
        "invalid_taxonomy",
        "Invalid event taxonomy ("
            + problems.size()
            + " problem"
            + (problems.size() == 1 ? "" : "s")
            + "); fix the taxonomy file:\n  - "
            + String.join("\n  - ", problems));
  }

  public static UbiException missingPseudonymKey() {
    return new UbiException(
        "missing_pseudonym_key",
        "Cannot pseudonymise actors: no pseudonymisation key is configured. Set UBI_PSEUDONYM_KEY"
            + " (at least 32 characters) or let 'ubi demo' generate one in its data directory.");
  }
}
