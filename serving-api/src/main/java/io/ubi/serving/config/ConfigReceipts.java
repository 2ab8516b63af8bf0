package io.ubi.serving.config;

import io.ubi.model.config.ConfigVersion;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The receipt of a config change (PRD FR-13, section 11.4: the PUT answer carries its id). The one
 * seam through which config changes reach the evidence service: {@link #DETERMINISTIC} names the
 * receipt of each version with an id derived from tenant and version, so the id the answer gives is
 * the one an emitter of the receipt uses, however often it retries.
 */
@FunctionalInterface
public interface ConfigReceipts {
  /** The id of the receipt of this change (and, once an emitter is configured, its emission). */
  String issue(ConfigVersion version);

  ConfigReceipts DETERMINISTIC =
      v ->
          UUID.nameUUIDFromBytes(
                  ("ubi:config:" + v.tenantId() + ":" + v.version())
                      .getBytes(StandardCharsets.UTF_8))
              .toString();
}
