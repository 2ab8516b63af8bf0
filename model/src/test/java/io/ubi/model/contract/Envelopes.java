package io.ubi.model.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Test envelopes: one valid PM-3 SignalEnvelope, copied and changed per case. */
final class Envelopes {
  /** "Now" for every validator in the tests, so the clock-skew rule is deterministic. */
  static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private Envelopes() {}

  static ObjectNode valid() {
    ObjectNode e =
        Json.MAPPER
            .createObjectNode()
            .put("signal_id", "sig-0001")
            .put("tenant_id", "acme")
            .put("actor_id", "alice@example.com")
            .put("signal_kind", "event")
            .put("signal_type", "pr_opened")
            .put("occurred_at", "2026-03-02T10:15:00Z")
            .put("ingested_at", "2026-03-02T10:15:02.250+00:00")
            .put("schema_version", "1.0")
            .put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
            .put("span_id", "00f067aa0ba902b7")
            .put("correlation_id", "corr-7");
    e.putObject("resource").put("service_name", "GitHub").put("repo", "ubi").put("branch", "main");
    e.putObject("payload").put("pr_number", 42).put("title_length", 31);
    return e;
  }
}
