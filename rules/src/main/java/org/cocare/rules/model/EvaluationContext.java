package org.cocare.rules.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * When an evaluation happens: the as-of date and the measurement period. Rules take time from here,
 * never from the system clock.
 */
public record EvaluationContext(LocalDate asOf, LocalDate periodStart, LocalDate periodEnd) {
  public EvaluationContext {
    Objects.requireNonNull(asOf, "asOf must not be null");
    Objects.requireNonNull(periodStart, "periodStart must not be null");
    Objects.requireNonNull(periodEnd, "periodEnd must not be null");
    if (periodEnd.isBefore(periodStart)) {
      throw new IllegalArgumentException(
          "measurement period ends (" + periodEnd + ") before it starts (" + periodStart + ")");
    }
  }

  /** The default: the measurement period is the calendar year of the as-of date. */
  public static EvaluationContext asOf(LocalDate asOf) {
    return new EvaluationContext(
        asOf, LocalDate.of(asOf.getYear(), 1, 1), LocalDate.of(asOf.getYear(), 12, 31));
  }

  /** The first day of the year before the measurement period (the eCQM "year before or during"). */
  public LocalDate yearBeforeStart() {
    return periodStart.minusYears(1);
  }

  /** The start of the measurement period moved back {@code years} years (eCQM lookback windows). */
  public LocalDate periodStartMinusYears(int years) {
    return periodStart.minusYears(years);
  }

  /**
   * True when {@code date} lies within the {@code days} days up to and including the as-of date.
   */
  public boolean withinDaysBefore(LocalDate date, int days) {
    return date != null && !date.isAfter(asOf) && !date.isBefore(asOf.minusDays(days));
  }

  /**
   * True when {@code date} lies within the {@code months} months up to and including the as-of
   * date.
   */
  public boolean withinMonthsBefore(LocalDate date, int months) {
    return date != null && !date.isAfter(asOf) && !date.isBefore(asOf.minusMonths(months));
  }

  /**
   * True when {@code date} lies within the {@code years} years up to and including the as-of date.
   */
  public boolean withinYearsBefore(LocalDate date, int years) {
    return date != null && !date.isAfter(asOf) && !date.isBefore(asOf.minusYears(years));
  }
}
