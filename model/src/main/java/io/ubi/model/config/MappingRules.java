package io.ubi.model.config;

import io.ubi.model.contract.EventTypes;
import java.io.Serializable;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's versioned translation of PM-3 {@code signal_type}s into canonical event types. A
 * canonical type maps to itself; an alias maps to the canonical type it names. Bronze records the
 * version that mapped each event, so a re-mapping can be traced and replayed.
 */
public record MappingRules(int version, Map<String, String> aliases) implements Serializable {
  public MappingRules {
    aliases = Map.copyOf(aliases);
  }

  public Optional<String> map(String signalType) {
    String alias = aliases.get(signalType);
    if (alias != null) {
      return Optional.of(alias);
    }
    return EventTypes.isCanonical(signalType) ? Optional.of(signalType) : Optional.empty();
  }
}
