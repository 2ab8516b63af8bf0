package io.ubi.launcher.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.launcher.demo.SyntheticHistory.Actor;
import io.ubi.launcher.demo.SyntheticHistory.Planted;
import io.ubi.launcher.demo.SyntheticHistory.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What synthetic actors do: the mix of signal types per kind of actor (some sent under a tenant's
 * aliases, as real sources do) and the payload fields the taxonomy's attributes are read from: the
 * ticket worked on, the colleague reviewed or mentioned (now and then in another team), AI-assisted
 * commits, retried LLM requests, agents' tool calls, focus session lengths.
 */
final class ActivityMix {
  private static final List<String> TOOLS =
      List.of("read_file", "edit_file", "run_tests", "grep", "git_diff", "web_search");

  private ActivityMix() {}

  static String human(Random r, Planted planted, boolean live) {
    if (planted == Planted.CONTEXT_SWITCH_STORM && r.nextDouble() < 0.35) {
      return "context_switch";
    }
    double x = r.nextDouble();
    if (x < 0.33) {
      return "file_edited";
    } else if (x < 0.35) {
      return r.nextBoolean() ? "file_created" : "file_deleted";
    } else if (x < 0.41) {
      return "context_switch";
    } else if (x < 0.49) {
      return "commit_created";
    } else if (x < 0.53) {
      return r.nextBoolean() ? "commit_pushed" : "push";
    } else if (x < 0.58) {
      return "build_succeeded";
    } else if (x < 0.59) {
      return "build_failed";
    } else if (x < 0.63) {
      return "test_passed";
    } else if (x < 0.64) {
      return "test_failed";
    } else if (x < 0.66) {
      return r.nextDouble() < 0.3 ? "pr_opened" : "pr_created";
    } else if (x < 0.69) {
      return "pr_reviewed";
    } else if (x < 0.70) {
      return "pr_merged";
    } else if (x < 0.73) {
      return r.nextBoolean() ? "pr_comment" : "review_comment_added";
    } else if (x < 0.75) {
      return "mention_made";
    } else if (x < 0.76) {
      return r.nextBoolean() ? "pair_session_started" : "pair_session_ended";
    } else if (x < 0.78) {
      return r.nextBoolean() ? "ticket_started" : "work_item_completed";
    } else if (x < 0.79) {
      return "focus_session_ended";
    } else if (x < 0.88) {
      return "llm_request_submitted";
    } else if (x < 0.96) {
      return "llm_request_completed";
    } else if (x < 0.98) {
      return "tool_call_made";
    }
    return live ? "focus_session_started" : "llm_request_failed";
  }

  static String agent(Random r, boolean heavy) {
    double x = r.nextDouble();
    if (heavy) {
      return x < 0.5
          ? "llm_request_submitted"
          : x < 0.7
              ? "llm_request_completed"
              : x < 0.85 ? "tool_call_made" : x < 0.88 ? "commit_created" : "file_edited";
    }
    return x < 0.2
        ? "llm_request_submitted"
        : x < 0.35
            ? "llm_request_completed"
            : x < 0.45
                ? "agent_tool_call"
                : x < 0.55
                    ? "commit_created"
                    : x < 0.85 ? "file_edited" : x < 0.95 ? "build_succeeded" : "pr_created";
  }

  static String service(Random r) {
    double x = r.nextDouble();
    return x < 0.45
        ? "build_succeeded"
        : x < 0.5 ? "build_failed" : x < 0.95 ? "test_passed" : "test_failed";
  }

  static String source(String signalType) {
    if (signalType.startsWith("llm") || signalType.contains("tool")) {
      return "llm_gateway";
    } else if (signalType.startsWith("build") || signalType.startsWith("test")) {
      return "ci";
    } else if (signalType.startsWith("pr") || signalType.startsWith("review")) {
      return "code_review";
    } else if (signalType.startsWith("commit") || signalType.equals("push")) {
      return "git";
    } else if (signalType.startsWith("ticket") || signalType.startsWith("work_item")) {
      return "tickets";
    } else if (signalType.startsWith("mention")) {
      return "collaboration";
    }
    return "ide";
  }

  /**
   * The type-specific payload fields, as a source would send them.
   *
   * @param planted the behaviour planted in this day, or {@link Planted#NONE}
   */
  static void payload(
      ObjectNode payload,
      Tenant tenant,
      Actor a,
      String type,
      Instant at,
      Random r,
      Planted planted) {
    if (type.startsWith("build") || type.startsWith("test")) {
      payload.put("pipeline", a.repo() + "/ci").put("duration_ms", 60_000 + at.getNano() % 240_000);
    } else if (type.startsWith("llm")) {
      payload.put("model", "gpt-class").put("tokens", 200 + at.getNano() % 1800);
    }
    if (!a.type().equals("service")) {
      // A handful of tickets per actor and week; most events name the one worked on.
      int ticket = (int) (at.getEpochSecond() / (86_400 * 7)) * 7 + r.nextInt(4);
      if (r.nextDouble() < 0.8 || type.startsWith("ticket") || type.startsWith("work_item")) {
        payload.put(
            "ticket_id",
            String.format(
                Locale.ROOT,
                "%s-%d",
                a.team().toUpperCase(Locale.ROOT),
                Math.abs(a.id().hashCode() % 1000) * 100 + ticket));
      }
    }
    switch (type) {
      case "pr_reviewed",
          "pr_comment",
          "review_comment_added",
          "mention_made",
          "pair_session_started" ->
          counterpart(payload, tenant, a, r);
      case "commit_created", "commit" ->
          payload.put("ai_assisted", a.type().equals("ai_agent") || r.nextDouble() < 0.3);
      case "llm_request_submitted" ->
          payload.put("retry", r.nextDouble() < (planted == Planted.LLM_HEAVY ? 0.4 : 0.1));
      case "tool_call_made", "agent_tool_call" ->
          payload.put("tool", TOOLS.get(r.nextInt(TOOLS.size())));
      case "focus_session_ended" -> payload.put("duration_minutes", 25 + r.nextInt(90));
      default -> {}
    }
  }

  /** A colleague: mostly a human of the same team, one time in seven someone of another. */
  private static void counterpart(ObjectNode payload, Tenant tenant, Actor a, Random r) {
    boolean acrossTeams = r.nextInt(7) == 0;
    List<Actor> candidates =
        tenant.actors().stream()
            .filter(
                o ->
                    o.type().equals("human")
                        && !o.id().equals(a.id())
                        && o.team().equals(a.team()) != acrossTeams)
            .toList();
    if (candidates.isEmpty()) {
      return;
    }
    Actor other = candidates.get(r.nextInt(candidates.size()));
    payload.put("counterpart_id", other.id()).put("counterpart_team", other.team());
  }
}
