package io.ubi.serving;

import java.util.List;

/**
 * Whether the API can serve: what {@code GET /readyz} answers. Reasons name the component that is
 * not ready (the lakehouse, the event bus) and never a tenant: orchestrators call it without a
 * token.
 */
@FunctionalInterface
public interface Readiness {
  /** Why the API cannot serve now; empty when it can. */
  List<String> problems();
}
