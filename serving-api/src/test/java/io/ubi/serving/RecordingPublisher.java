package io.ubi.serving;

import io.ubi.serving.ingest.EnvelopePublisher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * An in-memory {@link EnvelopePublisher} for the API's unit tests only (the end-to-end tests use a
 * real broker): records what was handed over, and can be told to fail some envelopes.
 */
public final class RecordingPublisher implements EnvelopePublisher {
  private final List<Envelope> published = Collections.synchronizedList(new ArrayList<>());
  private volatile Function<Envelope, String> failure = e -> null;

  @Override
  public List<String> publish(List<Envelope> envelopes) {
    List<String> out = new ArrayList<>();
    for (Envelope e : envelopes) {
      String why = failure.apply(e);
      if (why == null) {
        published.add(e);
      }
      out.add(why);
    }
    return out;
  }

  /** Each envelope for which {@code why} returns non-null fails with that reason. */
  public void failWhen(Function<Envelope, String> why) {
    this.failure = why;
  }

  public List<Envelope> published() {
    synchronized (published) {
      return List.copyOf(published);
    }
  }

  public void reset() {
    published.clear();
    failure = e -> null;
  }

  @Override
  public void close() {}
}
