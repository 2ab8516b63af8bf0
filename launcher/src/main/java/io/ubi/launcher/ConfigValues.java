package io.ubi.launcher;

import java.util.List;
import java.util.function.Function;

/**
 * Typed values of UBI's settings, read by key, each invalid one added to the problems with what was
 * wrong so that {@link UbiConfig} reports them all at once.
 */
final class ConfigValues {
  private final Function<String, String> get;
  private final List<String> problems;

  ConfigValues(Function<String, String> get, List<String> problems) {
    this.get = get;
    this.problems = problems;
  }

  int port(String key) {
    long p = number(key);
    if (p < 0 || p > 65535) {
      problems.add(key + ": must be a port number (0 picks a free one), got " + get.apply(key));
    }
    return (int) p;
  }

  long positive(String key) {
    return atLeast(key, 1);
  }

  long atLeast(String key, long min) {
    long v = number(key);
    if (v < min) {
      problems.add(
          key
              + (min == 1 ? ": must be positive" : ": must be at least " + min)
              + ", got "
              + get.apply(key));
      return min;
    }
    return v;
  }

  long number(String key) {
    try {
      return Long.parseLong(get.apply(key).trim());
    } catch (NumberFormatException e) {
      problems.add(key + ": must be a whole number, got '" + get.apply(key) + "'");
      return 1;
    }
  }

  String nonBlank(String key) {
    String v = get.apply(key);
    if (v == null || v.isBlank()) {
      problems.add(key + ": must not be empty");
    }
    return v;
  }

  /**
   * A location (a URL, a file template), trimmed, blank when unset; {@code problemOf} says what is
   * wrong with a set one, or null.
   */
  String checked(String key, Function<String, String> problemOf) {
    String value = get.apply(key).trim();
    String problem = value.isEmpty() ? null : problemOf.apply(value);
    if (problem != null) {
      problems.add(key + ": " + problem);
    }
    return value;
  }
}
