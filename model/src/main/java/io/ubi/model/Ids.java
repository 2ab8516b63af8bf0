package io.ubi.model;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic identifiers: the same inputs always give the same id, so a recomputation (a
 * replayed micro-batch, a re-run nightly job) updates rows instead of duplicating them.
 */
public final class Ids {
  private Ids() {}

  public static String of(String kind, Object... parts) {
    StringBuilder key = new StringBuilder(kind);
    for (Object p : parts) {
      key.append('\u0000').append(p);
    }
    return UUID.nameUUIDFromBytes(key.toString().getBytes(StandardCharsets.UTF_8)).toString();
  }

  public static String feature(
      String tenant,
      String scope,
      String entity,
      String feature,
      Object windowStart,
      String computation) {
    return of("feature", tenant, scope, entity, feature, windowStart, computation);
  }

  public static String baseline(
      String tenant, String scope, String entity, String feature, Object asOf) {
    return of("baseline", tenant, scope, entity, feature, asOf);
  }

  public static String score(String tenant, String scope, String entity, String score, Object day) {
    return of("score", tenant, scope, entity, score, day);
  }

  public static String signal(
      String tenant,
      String scope,
      String entity,
      String feature,
      boolean higher,
      Object startedOn) {
    return of("signal", tenant, scope, entity, feature, higher ? "up" : "down", startedOn);
  }
}
