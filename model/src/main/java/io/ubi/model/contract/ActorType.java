package io.ubi.model.contract;

import java.util.Locale;
import java.util.Optional;

/** Who performed an action. The same three values across all platform modules. */
public enum ActorType {
  HUMAN,
  AI_AGENT,
  SERVICE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ActorType> fromWire(String value) {
    for (ActorType t : values()) {
      if (t.wire().equals(value)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
