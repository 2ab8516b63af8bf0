package io.ubi.model.privacy;

import io.ubi.model.privacy.ContentRules.Sensitivity;
import java.util.Map;

/**
 * A classification of an event's kept text fields from outside UBI's own rules: the Data Governance
 * service, when one is configured. It adds to {@link ContentRules}, never replaces them: the
 * stricter verdict wins, and a classifier that cannot answer leaves UBI's rules in force.
 */
@FunctionalInterface
public interface FieldClassifier {
  /**
   * @param fields the kept text fields by UBI's name, with their values
   * @return the sensitive ones; a field it does not name is not sensitive to it
   */
  Map<String, Sensitivity> classify(String tenantId, String eventType, Map<String, String> fields);

  /** No classifier beyond UBI's rules. */
  FieldClassifier NONE = (tenant, type, fields) -> Map.of();
}
