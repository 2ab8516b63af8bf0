package io.ubi.model.aggregate;

import java.nio.charset.StandardCharsets;

/**
 * A HyperLogLog sketch of 2^{@value #P} one-byte registers (about 3 % standard error): the distinct
 * count of a set too large to keep, mergeable by taking each register's maximum, so the registers
 * of a set are the same whatever the order its members came in.
 */
final class Sketch {
  static final int P = 10;
  static final int REGISTERS = 1 << P;

  private Sketch() {}

  static void add(byte[] registers, String member) {
    long h = hash(member);
    int index = (int) (h >>> (64 - P));
    int rank = Long.numberOfLeadingZeros((h << P) | (1L << (P - 1))) + 1;
    if (rank > registers[index]) {
      registers[index] = (byte) rank;
    }
  }

  static void merge(byte[] into, byte[] other) {
    for (int i = 0; i < REGISTERS; i++) {
      if (other[i] > into[i]) {
        into[i] = other[i];
      }
    }
  }

  /** The estimate, with linear counting for small cardinalities (Flajolet et al., 2007). */
  static double estimate(byte[] registers) {
    double sum = 0;
    int zeros = 0;
    for (byte r : registers) {
      sum += Math.scalb(1.0, -r);
      if (r == 0) {
        zeros++;
      }
    }
    double alpha = 0.7213 / (1 + 1.079 / REGISTERS);
    double raw = alpha * REGISTERS * REGISTERS / sum;
    if (raw <= 2.5 * REGISTERS && zeros > 0) {
      return REGISTERS * Math.log((double) REGISTERS / zeros);
    }
    return raw;
  }

  /** 64-bit FNV-1a over UTF-8, finished with MurmurHash3's fmix64 so every bit is mixed. */
  static long hash(String member) {
    long h = 0xcbf29ce484222325L;
    for (byte b : member.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
