package io.ubi.serving.read;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A least-recently-used cache bounded by a weight (rows, say) rather than a count, that loads each
 * missing key once however many callers ask for it at the same moment: the first loads, the others
 * wait for its result. Values must be immutable; a load that fails is not cached and its error
 * reaches every caller that waited for it.
 */
final class BoundedCache<K, V> {
  private final long maxWeight;
  private final ToLongFunction<V> weigher;
  private final LinkedHashMap<K, V> entries = new LinkedHashMap<>(64, 0.75f, true);
  private final Map<K, CompletableFuture<V>> loading = new ConcurrentHashMap<>();
  private long weight;
  private long hits;
  private long misses;

  BoundedCache(long maxWeight, ToLongFunction<V> weigher) {
    this.maxWeight = maxWeight;
    this.weigher = weigher;
  }

  V get(K key, Function<K, V> load) {
    synchronized (this) {
      V v = entries.get(key);
      if (v != null) {
        hits++;
        return v;
      }
      misses++;
    }
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> theirs = loading.putIfAbsent(key, mine);
    if (theirs != null) {
      try {
        return theirs.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    try {
      V v = load.apply(key);
      put(key, v);
      mine.complete(v);
      return v;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      loading.remove(key);
    }
  }

  private synchronized void put(K key, V value) {
    long w = weigher.applyAsLong(value);
    if (w > maxWeight) {
      return; // larger than the whole cache: served, never kept
    }
    V old = entries.put(key, value);
    weight += w - (old == null ? 0 : weigher.applyAsLong(old));
    Iterator<V> eldest = entries.values().iterator();
    while (weight > maxWeight && eldest.hasNext()) {
      weight -= weigher.applyAsLong(eldest.next());
      eldest.remove();
    }
  }

  synchronized long weight() {
    return weight;
  }

  synchronized long hits() {
    return hits;
  }

  synchronized long misses() {
    return misses;
  }
}
