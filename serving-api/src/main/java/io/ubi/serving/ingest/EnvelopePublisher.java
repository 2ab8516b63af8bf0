package io.ubi.serving.ingest;

import java.util.List;

/** Hands validated envelopes to the event bus; returns, per envelope, null or why it failed. */
public interface EnvelopePublisher extends AutoCloseable {
  /** One envelope to publish: the tenant (its key) and the JSON text. */
  record Envelope(String tenantId, String json) {}

  List<String> publish(List<Envelope> envelopes);

  @Override
  void close();
}
