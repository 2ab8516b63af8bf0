package io.ubi.model.contract;

import io.ubi.model.aggregate.EventView;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * UBI's canonical event type taxonomy (PRD FR-1), read from {@link EventTaxonomy#RESOURCE}. A
 * tenant's mapping rules translate PM-3 {@code signal_type}s into these names.
 */
public final class EventTypes {
  private static final EventTaxonomy TAXONOMY = EventTaxonomy.load(EventTaxonomy.RESOURCE);

  private EventTypes() {}

  /** The taxonomy as read, with its version, derived types and attributes. */
  public static EventTaxonomy taxonomy() {
    return TAXONOMY;
  }

  /** The types a tenant may send (and map its own signal types to). */
  public static Set<String> canonical() {
    return TAXONOMY.types().keySet();
  }

  public static boolean isCanonical(String eventType) {
    return TAXONOMY.types().containsKey(eventType);
  }

  /** Canonical or derived: the types a feature may read. */
  public static boolean isKnown(String eventType) {
    return isCanonical(eventType) || TAXONOMY.derived().containsKey(eventType);
  }

  /** A type UBI makes from another actor's event (a review received): never the subject's own. */
  public static boolean isDerived(String eventType) {
    return TAXONOMY.derived().containsKey(eventType);
  }

  /** The source system a canonical type comes from, used when the envelope does not name one. */
  public static String sourceOf(String eventType) {
    EventTaxonomy.EventType t = TAXONOMY.types().get(eventType);
    return t == null ? "unknown" : t.source();
  }

  /**
   * The derived type an event of this type also counts as for its counterpart, e.g. a review given
   * by one actor is a review received by the pull request's author.
   */
  public static Optional<String> mirroredAs(String eventType) {
    EventTaxonomy.EventType t = TAXONOMY.types().get(eventType);
    return Optional.ofNullable(t == null ? null : t.mirroredAs());
  }

  /** An event counted for another subject than its actor. */
  public record Mirrored(String subject, EventView view) {}

  /**
   * The mirror of {@code event} of {@code actor}, when its type is mirrored and it names a
   * counterpart other than the actor: counted for the counterpart, with the actor as counterpart,
   * at the same instant and with the same working-time flags.
   */
  public static Optional<Mirrored> mirror(EventView event, String actor) {
    String counterpart = event.attribute("counterpart");
    Optional<String> as = mirroredAs(event.eventType());
    if (as.isEmpty() || counterpart == null || counterpart.equals(actor)) {
      return Optional.empty();
    }
    Map<String, String> attributes = new HashMap<>();
    attributes.put("counterpart", actor);
    String crossTeam = event.attribute("cross_team");
    if (crossTeam != null) {
      attributes.put("cross_team", crossTeam);
    }
    return Optional.of(
        new Mirrored(
            counterpart,
            new EventView(
                as.get(),
                event.epochMillis(),
                event.afterHours(),
                event.nonWorkingDay(),
                attributes)));
  }
}
