/**
 * Engine-free, mergeable aggregators: the vocabulary every feature is built from.
 *
 * <p>Each {@link io.ubi.model.aggregate.Aggregator} folds events into a state ({@code zero}, {@code
 * update}), combines two states of disjoint event sets ({@code merge}) and turns a state into a
 * value ({@code finish}); its state has a declared shape ({@link
 * io.ubi.model.aggregate.StateSchema}) stored as a {@link io.ubi.model.aggregate.StateValue}, one
 * row type for every aggregator. Because {@code merge(fold(a), fold(b)) == fold(a ++ b)}, the speed
 * layer's running day, the nightly job's days and every multi-day window are merges of stored
 * states, never rescans of events. The pattern is Chronon's {@code SimpleAggregator}.
 *
 * <p>Reads {@link io.ubi.model.aggregate.EventView}s; writes nothing. No Spark, no I/O.
 */
package io.ubi.model.aggregate;
