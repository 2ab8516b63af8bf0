package io.ubi.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Wire names of the model's enums: lower snake case, except {@code Severity} which is upper. */
public final class Wire {
  private Wire() {}

  public static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** Finds the constant whose name matches {@code value} ignoring case. */
  public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** The accepted wire names of an enum, for error messages. */
  public static <E extends Enum<E>> String names(Class<E> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(Wire::lower)
        .collect(Collectors.joining(", "));
  }
}
