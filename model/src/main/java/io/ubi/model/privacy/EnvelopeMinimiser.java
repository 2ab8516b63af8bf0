package io.ubi.model.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ubi.model.privacy.ContentRules.Sensitivity;
import io.ubi.model.privacy.PrivacyPolicy.Treatment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Data minimisation of one envelope (PRD FR-8, PR-UBI-01), before it is stored anywhere: the ingest
 * API applies it before Kafka, and the speed layer again for envelopes that reach the topic another
 * way (applying it twice changes nothing). A field the tenant's {@link PrivacyPolicy} does not
 * allow (its {@code allowed_fields}, else {@link FieldPolicy#defaultsFor} the event type) is
 * dropped; a kept field whose content is a secret, personal or code ({@link ContentRules}, or
 * PM-3's {@code privacy_tags} saying the payload holds personal data or code) is dropped, hashed or
 * redacted as the policy says. The structural fields, the privacy tags and the taxonomy's attribute
 * sources are never classified: they identify, and leave bronze only pseudonymised or tokenised.
 *
 * <p>Each action is returned by field name and never with the value, for the audit.
 */
public final class EnvelopeMinimiser {
  /** The envelope fields UBI needs to accept, map and place an event: never dropped. */
  static final Set<String> ENVELOPE_STRUCTURAL =
      Set.of(
          "signal_id",
          "tenant_id",
          "actor_id",
          "signal_kind",
          "signal_type",
          "occurred_at",
          "ingested_at",
          "schema_version");

  private EnvelopeMinimiser() {}

  /**
   * The envelope as it may be stored, and what was done, by field.
   *
   * @param actions field name (internal) to {@code action:reason}, e.g. {@code
   *     "properties.secret_key" -> "dropped:not_allowed"}
   */
  public record Minimised(ObjectNode envelope, Map<String, String> actions) {}

  /**
   * @param envelope a valid envelope; not changed
   * @param eventType its canonical type, for the defaults (its signal_type if it has none)
   */
  public static Minimised apply(
      ObjectNode envelope,
      String eventType,
      PrivacyPolicy policy,
      String tenantId,
      Pseudonymizer pseudonymizer) {
    return apply(envelope, eventType, policy, tenantId, pseudonymizer, FieldClassifier.NONE);
  }

  /**
   * As {@link #apply(ObjectNode, String, PrivacyPolicy, String, Pseudonymizer)}, with {@code
   * classifier}'s verdicts on the kept text fields added to UBI's rules (the stricter wins). A
   * classifier that fails leaves UBI's rules in force.
   */
  public static Minimised apply(
      ObjectNode envelope,
      String eventType,
      PrivacyPolicy policy,
      String tenantId,
      Pseudonymizer pseudonymizer,
      FieldClassifier classifier) {
    ObjectNode out = envelope.deepCopy();
    out.remove(MinimisationAudit.FIELD);
    FieldPolicy fields = FieldPolicy.get();
    List<String> allowed = new ArrayList<>();
    (policy.allowedFields() != null ? policy.allowedFields() : fields.defaultsFor(eventType))
        .forEach(f -> allowed.addAll(FieldPolicy.envelopePaths(f)));
    Set<String> exempt = new java.util.HashSet<>();
    FieldPolicy.attributeSources().forEach(f -> exempt.addAll(FieldPolicy.envelopePaths(f)));
    FieldPolicy.NAMED.values().forEach(exempt::addAll);
    Context c =
        new Context(
            allowed,
            exempt,
            policy,
            tenantId,
            pseudonymizer,
            new LinkedHashMap<>(),
            tags(out),
            new ArrayList<>());
    List<String> names = new ArrayList<>();
    out.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode value = out.get(name);
      if (ENVELOPE_STRUCTURAL.contains(name)) {
        continue;
      }
      if ((name.equals("payload") || name.equals("resource")) && value.isObject()) {
        walk((ObjectNode) value, name, c);
      } else if (!c.allows(name)) {
        out.remove(name);
        c.actions.put(FieldPolicy.internal(name), "dropped:not_allowed");
      } else if (value.isTextual() && !c.exempt.contains(name)) {
        c.leaves.add(new Leaf(out, name, name));
      }
    }
    Map<String, String> texts = new LinkedHashMap<>();
    for (Leaf l : c.leaves) {
      JsonNode v = l.holder().get(l.name());
      if (v.isTextual()) {
        texts.put(FieldPolicy.internal(l.path()), v.textValue());
      }
    }
    Map<String, Sensitivity> external = Map.of();
    if (!texts.isEmpty()) {
      try {
        external = classifier.classify(tenantId, eventType, texts);
      } catch (RuntimeException e) {
        external = Map.of(); // UBI's own rules stay in force
      }
    }
    for (Leaf l : c.leaves) {
      treat(l.holder(), l.name(), l.path(), c, external.get(FieldPolicy.internal(l.path())));
    }
    return new Minimised(out, c.actions);
  }

  /** A kept value still to be judged: where it is, and its path. */
  private record Leaf(ObjectNode holder, String name, String path) {}

  /**
   * A record that could not be accepted, as the DLQ and {@code bronze.rejected_events} may keep it:
   * a JSON object minimised as an accepted envelope of its tenant would be (its signal_type taken
   * as the event type), anything else with every secret and piece of personal data the rules find
   * replaced by a marker. Enough remains to see what was wrong and to fix and replay it.
   */
  public static String maskRejected(
      String text, PrivacyPolicy policy, String tenantId, Pseudonymizer pseudonymizer) {
    if (text == null) {
      return null;
    }
    JsonNode parsed;
    try {
      parsed = io.ubi.model.Json.MAPPER.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
      return ContentRules.redactAll(text);
    }
    if (!(parsed instanceof ObjectNode envelope)) {
      return ContentRules.redactAll(text);
    }
    String type =
        envelope.path("signal_type").isTextual() ? envelope.get("signal_type").asText() : "";
    return io.ubi.model.Json.write(
        apply(envelope, type, policy, tenantId == null ? "unknown" : tenantId, pseudonymizer)
            .envelope());
  }

  private record Context(
      List<String> allowed,
      Set<String> exempt,
      PrivacyPolicy policy,
      String tenantId,
      Pseudonymizer pseudonymizer,
      Map<String, String> actions,
      Set<Sensitivity> tagged,
      List<Leaf> leaves) {
    /** Whether {@code path} is allowed: named, or below a named path. */
    boolean allows(String path) {
      for (String a : allowed) {
        if (path.equals(a) || path.startsWith(a + ".")) {
          return true;
        }
      }
      return false;
    }

    /** Whether a path below {@code path} is allowed, so that it is walked rather than dropped. */
    boolean holdsAllowed(String path) {
      for (String a : allowed) {
        if (a.startsWith(path + ".")) {
          return true;
        }
      }
      return false;
    }
  }

  private static void walk(ObjectNode node, String path, Context c) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode value = node.get(name);
      String p = path + "." + name;
      if (name.equals("privacy_tags")) {
        continue;
      }
      if (c.allows(p)) {
        classifyAll(node, name, p, c);
      } else if (value.isObject() && c.holdsAllowed(p)) {
        walk((ObjectNode) value, p, c);
      } else {
        node.remove(name);
        c.actions.put(FieldPolicy.internal(p), "dropped:not_allowed");
      }
    }
  }

  /** Classifies a kept field and every leaf below it. */
  private static void classifyAll(ObjectNode holder, String name, String path, Context c) {
    JsonNode v = holder.get(name);
    if (c.exempt.contains(path)) {
      return;
    }
    if (v.isObject()) {
      List<String> names = new ArrayList<>();
      v.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        classifyAll((ObjectNode) v, n, path + "." + n, c);
      }
    } else if (v.isValueNode() && !v.isNull()) {
      c.leaves.add(new Leaf(holder, name, path));
    }
  }

  private static void treat(
      ObjectNode holder, String name, String path, Context c, Sensitivity external) {
    JsonNode v = holder.get(name);
    Sensitivity found =
        ContentRules.classify(name, v.isTextual() ? v.textValue() : null).orElse(null);
    String reason = found == null ? null : found.name().toLowerCase(Locale.ROOT);
    if (external != null && (found == null || external.ordinal() < found.ordinal())) {
      found = external;
      reason = "governance_" + external.name().toLowerCase(Locale.ROOT);
    }
    if (v.isTextual() && path.startsWith("payload.")) {
      // PM-3 said the payload holds personal data or code: every free-text field is taken for it.
      for (Sensitivity s : c.tagged) {
        if (found == null || s.ordinal() < found.ordinal()) {
          found = s;
          reason = "pm3_" + s.name().toLowerCase(Locale.ROOT);
        }
      }
    }
    if (found == null) {
      return;
    }
    Treatment t =
        switch (found) {
          case SECRET -> c.policy.secret();
          case PERSONAL -> c.policy.personal();
          case CODE -> c.policy.code();
        };
    String field = FieldPolicy.internal(path);
    switch (t) {
      case DROP -> holder.remove(name);
      case HASH ->
          holder.put(name, c.pseudonymizer.token(c.tenantId, "field:" + field, v.asText()));
      case REDACT -> holder.set(name, TextNode.valueOf("[redacted:" + reason + "]"));
    }
    String done =
        switch (t) {
          case DROP -> "dropped";
          case HASH -> "hashed";
          case REDACT -> "redacted";
        };
    c.actions.put(field, done + ":" + reason);
  }

  /** What PM-3's tags say the payload holds. */
  private static Set<Sensitivity> tags(ObjectNode envelope) {
    Set<Sensitivity> out = java.util.EnumSet.noneOf(Sensitivity.class);
    for (String holder : new String[] {"resource", "payload"}) {
      JsonNode tags = envelope.path(holder).path("privacy_tags");
      if (tags.path("contains_PI").asBoolean(false)) {
        out.add(Sensitivity.PERSONAL);
      }
      if (tags.path("contains_code_snippet").asBoolean(false)) {
        out.add(Sensitivity.CODE);
      }
    }
    return out;
  }
}
