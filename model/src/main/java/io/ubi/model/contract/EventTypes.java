package io.ubi.model.contract;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * UBI's canonical event type taxonomy (PRD FR-1) and the source system each type comes from. A
 * tenant's mapping rules translate PM-3 {@code signal_type}s into these names.
 */
public final class EventTypes {
  private static final Map<String, String> SOURCE_BY_TYPE = new LinkedHashMap<>();

  static {
    for (String t : new String[] {"file_edited", "file_created", "file_deleted", "context_switch",
        "focus_session_started", "focus_session_ended"}) {
      SOURCE_BY_TYPE.put(t, "ide");
    }
    for (String t : new String[] {"commit_created", "commit_pushed"}) {
      SOURCE_BY_TYPE.put(t, "git");
    }
    for (String t : new String[] {"build_failed", "build_succeeded", "test_failed", "test_passed"}) {
      SOURCE_BY_TYPE.put(t, "ci");
    }
    for (String t : new String[] {"pr_created", "pr_merged", "pr_closed", "pr_reviewed"}) {
      SOURCE_BY_TYPE.put(t, "code_review");
    }
    for (String t : new String[] {"llm_request_submitted", "llm_request_completed",
        "llm_request_failed"}) {
      SOURCE_BY_TYPE.put(t, "llm_gateway");
    }
    for (String t : new String[] {"gate_evaluated", "policy_violation", "override_attempted"}) {
      SOURCE_BY_TYPE.put(t, "policy");
    }
  }

  private EventTypes() {}

  public static Set<String> canonical() {
    return SOURCE_BY_TYPE.keySet();
  }

  public static boolean isCanonical(String eventType) {
    return SOURCE_BY_TYPE.containsKey(eventType);
  }

  /** The source system a canonical type comes from, used when the envelope does not name one. */
  public static String sourceOf(String eventType) {
    return SOURCE_BY_TYPE.getOrDefault(eventType, "unknown");
  }
}
