package io.ubi.launcher.eval;

import java.util.List;
import java.util.Random;

/**
 * The random draws of the scenario, over a seeded {@link Random}: counts are Poisson (the number of
 * independent events in a day), day-to-day swings log-normal, so a synthetic day varies as a real
 * one does instead of repeating a constant.
 */
final class Draw {
  private final Random random;

  Draw(long seed) {
    this.random = new Random(seed);
  }

  /** A seed mixing several parts, so that neighbouring inputs give unrelated streams. */
  static long seed(long... parts) {
    long h = 0x9E3779B97F4A7C15L;
    for (long p : parts) {
      h ^= p + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2);
      h *= 0xBF58476D1CE4E5B9L;
      h ^= h >>> 31;
    }
    return h;
  }

  /** A Poisson count of mean {@code mean} (a normal approximation above 40). */
  int poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 40) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double p = 1;
    int k = -1;
    do {
      k++;
      p *= random.nextDouble();
    } while (p > limit);
    return k;
  }

  /** A multiplicative swing around 1 whose logarithm has standard deviation {@code sigma}. */
  double swing(double sigma) {
    return Math.exp(sigma * random.nextGaussian() - sigma * sigma / 2);
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  /** Uniform in {@code [from, to)}. */
  double between(double from, double to) {
    return from + (to - from) * random.nextDouble();
  }

  /** Uniform in {@code [0, n)}. */
  int below(int n) {
    return random.nextInt(n);
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
