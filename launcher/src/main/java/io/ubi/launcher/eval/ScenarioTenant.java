package io.ubi.launcher.eval;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tenants of the signal-quality scenario: two on a Monday-to-Friday week, five to nine hours
 * apart, and one on a Sunday-to-Thursday week. Each has people in several time zones whose working
 * day falls within the tenant's calendar day (a tenant's day is the unit of every feature), public
 * holidays (one of them two days long in two tenants) and its own spelling of some event types, as
 * sources of different vendors send them.
 */
enum ScenarioTenant {
  EU(
      "eval-eu",
      "Europe/Berlin",
      EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
      List.of("Europe/London", "Europe/Lisbon", "Europe/Helsinki", "Asia/Kolkata"),
      new int[] {12},
      new int[] {38}),
  US(
      "eval-us",
      "America/New_York",
      EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
      List.of("America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo"),
      new int[] {19},
      new int[] {33}),
  IL(
      "eval-il",
      "Asia/Jerusalem",
      EnumSet.of(
          DayOfWeek.SUNDAY,
          DayOfWeek.MONDAY,
          DayOfWeek.TUESDAY,
          DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY),
      List.of("Europe/Athens", "Europe/Bucharest", "Asia/Dubai"),
      new int[] {26},
      new int[] {8});

  private final String id;
  private final ZoneId zone;
  private final Set<DayOfWeek> workdays;
  private final List<ZoneId> otherZones;
  private final int[] singleHolidays;
  private final int[] doubleHolidays;

  ScenarioTenant(
      String id,
      String zone,
      Set<DayOfWeek> workdays,
      List<String> otherZones,
      int[] singleHolidays,
      int[] doubleHolidays) {
    this.id = id;
    this.zone = ZoneId.of(zone);
    this.workdays = Set.copyOf(workdays);
    this.otherZones = otherZones.stream().map(ZoneId::of).toList();
    this.singleHolidays = singleHolidays;
    this.doubleHolidays = doubleHolidays;
  }

  String id() {
    return id;
  }

  ZoneId zone() {
    return zone;
  }

  Set<DayOfWeek> workdays() {
    return workdays;
  }

  boolean isWorkday(LocalDate day) {
    return workdays.contains(day.getDayOfWeek());
  }

  /** A person's time zone: the tenant's for most, one of the others for a few. */
  ZoneId zoneOf(int seat) {
    return seat < 5 ? zone : otherZones.get(seat % otherZones.size());
  }

  /**
   * Its public holidays in {@code [first, first + days)}: single days and two-day holidays at fixed
   * offsets into the period (moved to the next working day, or pair of working days), those that
   * fall inside it.
   */
  List<LocalDate> holidays(LocalDate first, int days) {
    List<LocalDate> out = new ArrayList<>();
    for (int offset : singleHolidays) {
      out.add(nextWorkday(first.plusDays(offset)));
    }
    for (int offset : doubleHolidays) {
      LocalDate d = nextWorkday(first.plusDays(offset));
      while (!isWorkday(d.plusDays(1))) {
        d = nextWorkday(d.plusDays(1));
      }
      out.add(d);
      out.add(d.plusDays(1));
    }
    LocalDate end = first.plusDays(days);
    return out.stream().filter(d -> d.isBefore(end)).sorted().toList();
  }

  /**
   * The tenant's configuration file: its time zone, working week and the public holidays of {@code
   * [first, first + length)} over the defaults.
   */
  String configJson(LocalDate first, int length) {
    List<String> days = new ArrayList<>();
    for (DayOfWeek d : DayOfWeek.values()) {
      if (workdays.contains(d)) {
        days.add("\"" + d.name() + "\"");
      }
    }
    return String.format(
        Locale.ROOT,
        "{\"version\": 1, \"working_hours\": {\"time_zone\": \"%s\", \"workdays\": [%s],"
            + " \"holidays\": [%s]}}%n",
        zone.getId(),
        String.join(", ", days),
        String.join(", ", holidays(first, length).stream().map(d -> "\"" + d + "\"").toList()));
  }

  /** When {@code day} begins in the tenant's zone. */
  ZonedDateTime startOf(LocalDate day) {
    return day.atStartOfDay(zone);
  }

  /**
   * How sources of this tenant name some event types: the canonical name or one of the default
   * aliases (GitHub-style in one tenant, ticket-system names in another).
   */
  String spelling(String canonical, int variant) {
    return switch (this) {
      case EU -> canonical;
      case US ->
          switch (canonical) {
            case "pr_created" -> "pr_opened";
            case "pr_revised" -> variant % 2 == 0 ? "pr_synchronize" : "pr_updated";
            case "pr_reviewed" -> "pr_review_submitted";
            case "commit_pushed" -> "push";
            case "review_comment_added" -> "pr_comment";
            case "mention_made" -> "user_mentioned";
            default -> canonical;
          };
      case IL ->
          switch (canonical) {
            case "work_item_started" -> "ticket_started";
            case "work_item_completed" -> variant % 2 == 0 ? "ticket_resolved" : "issue_closed";
            case "pair_session_started" -> "pairing_started";
            case "pair_session_ended" -> "pairing_ended";
            case "tool_call_made" -> "tool_invoked";
            case "context_switch" -> "editor_switch";
            default -> canonical;
          };
    };
  }

  private LocalDate nextWorkday(LocalDate d) {
    while (!isWorkday(d)) {
      d = d.plusDays(1);
    }
    return d;
  }

  /** The tenant of a team: two in the EU and US tenants for every one in the IL tenant. */
  static ScenarioTenant ofTeam(int team) {
    return switch (team % 5) {
      case 0, 3 -> EU;
      case 1, 4 -> US;
      default -> IL;
    };
  }
}
