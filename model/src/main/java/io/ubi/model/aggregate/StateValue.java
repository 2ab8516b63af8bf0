package io.ubi.model.aggregate;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A stored aggregator state: one shape for every aggregator, so a state table has one column type
 * whatever the catalogue holds. Each aggregator's {@link StateSchema} says which slots it uses and
 * what they mean; unused slots are empty arrays. Values are compared by content.
 */
public record StateValue(long[] longs, double[] doubles, String[] strings, byte[] bytes)
    implements Serializable {
  private static final long[] NO_LONGS = {};
  private static final double[] NO_DOUBLES = {};
  private static final String[] NO_STRINGS = {};
  private static final byte[] NO_BYTES = {};

  public StateValue {
    longs = longs == null ? NO_LONGS : longs;
    doubles = doubles == null ? NO_DOUBLES : doubles;
    strings = strings == null ? NO_STRINGS : strings;
    bytes = bytes == null ? NO_BYTES : bytes;
  }

  public static StateValue ofLongs(long... longs) {
    return new StateValue(longs, null, null, null);
  }

  public static StateValue ofDoubles(double... doubles) {
    return new StateValue(null, doubles, null, null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateValue s
        && Arrays.equals(longs, s.longs)
        && Arrays.equals(doubles, s.doubles)
        && Arrays.equals(strings, s.strings)
        && Arrays.equals(bytes, s.bytes);
  }

  @Override
  public int hashCode() {
    return 31
            * (31 * (31 * Arrays.hashCode(longs) + Arrays.hashCode(doubles))
                + Arrays.hashCode(strings))
        + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "StateValue[longs="
        + Arrays.toString(longs)
        + ", doubles="
        + Arrays.toString(doubles)
        + ", strings="
        + Arrays.toString(strings)
        + ", bytes="
        + bytes.length
        + "]";
  }
}
