package io.ubi.model.config;

import java.io.Serializable;
import java.time.Instant;

/**
 * One stored version of a tenant's settings: what changed them, when and why. Versions only grow;
 * every one is kept, so any can be read back and the history shows who changed what.
 *
 * @param version one above the version it replaced (the tenant file's {@code version} is the first)
 * @param settings the tenant's whole overlay on the embedded defaults, as JSON, in the form of a
 *     tenant file without its {@code directory} (the directory holds raw actor ids and stays in the
 *     seed file, beside bronze)
 * @param changedBy who made the change: a caller's subject, or {@code ubi:auto-tune} for the
 *     nightly job
 * @param reason why, in words
 */
public record ConfigVersion(
    String tenantId,
    int version,
    String settings,
    String changedBy,
    Instant changedAt,
    String reason)
    implements Serializable {

  /** Who the nightly job's own changes are by. */
  public static final String AUTO_TUNE = "ubi:auto-tune";
}
