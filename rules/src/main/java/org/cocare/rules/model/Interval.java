package org.cocare.rules.model;

import java.time.LocalDate;

/**
 * A span of calendar days (UTC), as the eCQM timing tests read FHIR timing elements (MEASURES.md
 * §1.5, §1.9). {@code start == null}: unbounded below. {@code end == null}: open-ended above,
 * unless {@code endUnknown}, which marks a condition that is not active but has no abatement
 * (§1.6): it counts as overlapping a window only when its start lies inside it.
 */
public record Interval(LocalDate start, LocalDate end, boolean endUnknown, boolean absent) {

  /**
   * No timing at all: fails every timing test. Distinct from a condition with neither onset nor
   * abatement, which runs "since ever" (§1.6).
   */
  public static final Interval NONE = new Interval(null, null, false, true);

  public Interval(LocalDate start, LocalDate end, boolean endUnknown) {
    this(start, end, endUnknown, false);
  }

  public Interval {
    if (start != null && end != null && end.isBefore(start)) {
      // FHIR forbids it; data that break it are read as the single day they start on.
      end = start;
    }
  }

  public static Interval of(LocalDate start, LocalDate end) {
    return new Interval(start, end, false);
  }

  public static Interval day(LocalDate day) {
    return day == null ? NONE : new Interval(day, day, false);
  }

  public boolean isNone() {
    return absent;
  }

  /** latest(x): the end when there is one, else the start (§1.5). */
  public LocalDate latest() {
    return end != null ? end : start;
  }

  /** Shares at least one day with [from, to]. */
  public boolean overlaps(LocalDate from, LocalDate to) {
    if (isNone()) {
      return false;
    }
    if (endUnknown) {
      return start != null && !start.isBefore(from) && !start.isAfter(to);
    }
    return (start == null || !start.isAfter(to)) && (end == null || !end.isBefore(from));
  }

  /** Lies wholly within [from, to] ("during day of"): needs both ends. */
  public boolean within(LocalDate from, LocalDate to) {
    return start != null && end != null && !start.isBefore(from) && !end.isAfter(to);
  }

  public boolean startsWithin(LocalDate from, LocalDate to) {
    return start != null && !start.isBefore(from) && !start.isAfter(to);
  }

  public boolean endsWithin(LocalDate from, LocalDate to) {
    return end != null && !end.isBefore(from) && !end.isAfter(to);
  }

  /** latest(x) within [from, to]. */
  public boolean latestWithin(LocalDate from, LocalDate to) {
    LocalDate latest = latest();
    return latest != null && !latest.isBefore(from) && !latest.isAfter(to);
  }

  /** Starts on or before {@code day}; an unbounded start ("since ever") does. */
  public boolean startsOnOrBefore(LocalDate day) {
    return !isNone() && (start == null || !start.isAfter(day));
  }

  /** Ends strictly after {@code day} (false without an end or without a day). */
  public boolean endsAfter(LocalDate day) {
    return end != null && day != null && end.isAfter(day);
  }

  public boolean endsOnOrBefore(LocalDate day) {
    return end != null && !end.isAfter(day);
  }
}
