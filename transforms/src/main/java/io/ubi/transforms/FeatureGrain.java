package io.ubi.transforms;

import io.ubi.lakehouse.TableDef;
import io.ubi.lakehouse.Tables;
import java.io.Serializable;

/**
 * What a feature row stands for: a window of {@code days} days ending on its {@code dt}, how it was
 * computed (part of the row's id), and the table such rows go to.
 */
public record FeatureGrain(int days, String computation, TableDef table) implements Serializable {
  /** The nightly job's authoritative day. */
  public static final FeatureGrain DAILY =
      new FeatureGrain(1, "daily", Tables.ACTOR_FEATURES_DAILY);

  /** The speed layer's running day. */
  public static final FeatureGrain INTRADAY =
      new FeatureGrain(1, "intraday", Tables.ACTOR_FEATURES_INTRADAY);

  /** A multi-day window, merged from daily states. */
  public static FeatureGrain window(int days) {
    return new FeatureGrain(days, days + "d", Tables.ACTOR_FEATURES_WINDOWED);
  }
}
