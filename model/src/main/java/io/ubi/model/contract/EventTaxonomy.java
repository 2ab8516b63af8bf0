package io.ubi.model.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.model.Json;
import io.ubi.model.UbiErrors;
import io.ubi.model.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The event taxonomy as data ({@value #RESOURCE}): the canonical event types a tenant may send, the
 * types UBI derives from them, and the attributes it extracts from an envelope. Read and validated
 * once, every problem reported at once, like the feature catalogue.
 *
 * @param version bumped whenever a type or attribute changes meaning
 * @param types canonical types by name, in documentation order
 * @param derived derived types by name: never ingested, made by UBI from a canonical one
 * @param attributes extracted attributes by name
 */
public record EventTaxonomy(
    int version,
    String description,
    Map<String, EventType> types,
    Map<String, DerivedType> derived,
    Map<String, AttributeDefinition> attributes) {
  public static final String RESOURCE = "/io/ubi/model/contract/taxonomy.json";
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern FROM = Pattern.compile("(resource|payload)\\.[a-z][a-z0-9_]*");

  /** A canonical type, the source system it comes from, and the type it is mirrored as. */
  public record EventType(String name, String source, String description, String mirroredAs) {}

  /** A type UBI makes from another one: the mirror of an interaction onto its counterpart. */
  public record DerivedType(String name, String mirrorOf, String description) {}

  /** How an attribute's value is turned into what leaves bronze. */
  public enum AttributeKind {
    TOKEN,
    ACTOR,
    TEXT,
    NUMBER,
    BOOLEAN,
    ZONE,
    DERIVED
  }

  /** An extracted attribute: where it is read from, first match wins. */
  public record AttributeDefinition(
      String name, AttributeKind kind, List<String> from, String description) {}

  /** Loads and validates the taxonomy on the classpath at {@code resource}. */
  public static EventTaxonomy load(String resource) {
    try (InputStream in = EventTaxonomy.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Event taxonomy " + resource + " is not on the classpath");
      }
      return read(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a taxonomy document; throws with every problem found. */
  public static EventTaxonomy read(JsonNode root) {
    List<String> problems = new ArrayList<>();
    Map<String, EventType> types = new LinkedHashMap<>();
    for (JsonNode t : list(root, "event_types", problems)) {
      String at = "event_types[" + types.size() + "]";
      known(at, t, Set.of("name", "source", "description", "mirrored_as"), problems);
      String name = name(at + ".name", t.path("name"), problems);
      if (types.containsKey(name)) {
        problems.add(at + ".name: '" + name + "' is declared twice");
      }
      types.put(
          name,
          new EventType(
              name,
              name(at + ".source", t.path("source"), problems),
              text(at + ".description", t.path("description"), problems),
              t.hasNonNull("mirrored_as") ? t.get("mirrored_as").asText() : null));
    }
    Map<String, DerivedType> derived = new LinkedHashMap<>();
    for (JsonNode d : list(root, "derived_types", problems)) {
      String at = "derived_types[" + derived.size() + "]";
      known(at, d, Set.of("name", "mirror_of", "description"), problems);
      String name = name(at + ".name", d.path("name"), problems);
      String of = d.path("mirror_of").asText("");
      EventType source = types.get(of);
      if (source == null || !name.equals(source.mirroredAs())) {
        problems.add(
            at
                + ".mirror_of: must name a canonical type whose mirrored_as is '"
                + name
                + "', got '"
                + of
                + "'");
      }
      if (types.containsKey(name)) {
        problems.add(at + ".name: '" + name + "' is also a canonical type");
      }
      derived.put(
          name,
          new DerivedType(name, of, text(at + ".description", d.path("description"), problems)));
    }
    types.values().stream()
        .filter(t -> t.mirroredAs() != null && !derived.containsKey(t.mirroredAs()))
        .forEach(
            t ->
                problems.add(
                    "event_types '"
                        + t.name()
                        + "'.mirrored_as: '"
                        + t.mirroredAs()
                        + "' is not a derived type"));
    Map<String, AttributeDefinition> attributes = attributes(root, problems);
    int version = root.path("version").asInt(0);
    if (version <= 0) {
      problems.add("version: must be a positive integer");
    }
    if (!problems.isEmpty()) {
      throw UbiErrors.invalidTaxonomy(problems);
    }
    return new EventTaxonomy(
        version, root.path("description").asText(""), types, derived, attributes);
  }

  private static Map<String, AttributeDefinition> attributes(JsonNode root, List<String> problems) {
    Map<String, AttributeDefinition> attributes = new LinkedHashMap<>();
    for (JsonNode a : list(root, "attributes", problems)) {
      String at = "attributes[" + attributes.size() + "]";
      known(at, a, Set.of("name", "kind", "from", "description"), problems);
      String name = name(at + ".name", a.path("name"), problems);
      AttributeKind kind =
          Wire.parse(AttributeKind.class, a.path("kind").asText(null)).orElse(null);
      if (kind == null) {
        problems.add(at + ".kind: must be one of " + Wire.names(AttributeKind.class));
      }
      List<String> from = new ArrayList<>();
      for (JsonNode f : a.path("from")) {
        if (!FROM.matcher(f.asText()).matches()) {
          problems.add(
              at + ".from: '" + f.asText() + "' must be resource.<field> or" + " payload.<field>");
        }
        from.add(f.asText());
      }
      if (from.isEmpty() != (kind == AttributeKind.DERIVED)) {
        problems.add(
            at
                + ".from: an extracted attribute names where it is read from; a derived"
                + " one names nothing");
      }
      attributes.put(
          name,
          new AttributeDefinition(
              name,
              kind,
              List.copyOf(from),
              text(at + ".description", a.path("description"), problems)));
    }
    return attributes;
  }

  private static List<JsonNode> list(JsonNode root, String field, List<String> problems) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode node = root.path(field);
    if (!node.isArray()) {
      problems.add(field + ": must be an array");
      return out;
    }
    node.forEach(out::add);
    return out;
  }

  private static void known(String at, JsonNode node, Set<String> fields, List<String> problems) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!fields.contains(f)) {
        problems.add(
            at + "." + f + ": unknown field; known are " + fields.stream().sorted().toList());
      }
    }
  }

  private static String name(String at, JsonNode node, List<String> problems) {
    if (!NAME.matcher(node.asText("")).matches()) {
      problems.add(at + ": must be snake_case, got '" + node.asText("") + "'");
    }
    return node.asText("");
  }

  private static String text(String at, JsonNode node, List<String> problems) {
    if (!node.isTextual() || node.asText().isBlank()) {
      problems.add(at + ": must be a non-empty string");
    }
    return node.asText("");
  }
}
