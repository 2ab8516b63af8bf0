package io.ubi.serving.ingest;

import java.util.List;

/**
 * Hands records to the event bus (validated envelopes to the ingest topic, verdicts to the feedback
 * topic); returns, per record, null or why it failed.
 */
public interface EnvelopePublisher extends AutoCloseable {
  /** One record to publish: its key (the tenant, for envelopes) and the JSON text. */
  record Envelope(String key, String json) {}

  List<String> publish(List<Envelope> envelopes);

  @Override
  void close();
}
