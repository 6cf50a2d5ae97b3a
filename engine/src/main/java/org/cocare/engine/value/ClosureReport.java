package org.cocare.engine.value;

import java.util.List;
import java.util.Objects;

/**
 * Gap closure over time, broken down by {@code dimension}: per group, the Kaplan–Meier share of
 * recommendations completed within set horizons and the median days to completion, each with its
 * 95% interval, and the curve to chart. Groups come largest first.
 */
public record ClosureReport(Dimension dimension, List<Group> groups) {
  public ClosureReport {
    Objects.requireNonNull(dimension, "dimension");
    groups = List.copyOf(groups);
  }

  /**
   * One group.
   *
   * @param recommendations how many the group has
   * @param completed how many of them were seen completing
   * @param horizons the share completed within each of {@link GapClosure#HORIZONS}
   * @param median the median days to completion, with what the data say of it when fewer than half
   *     were seen completing
   * @param curve the share completed over time: one point per day with completions, a step function
   *     that is 0 (with certainty) before the first point
   */
  public record Group(
      String name,
      long recommendations,
      long completed,
      List<Horizon> horizons,
      Median median,
      List<CurvePoint> curve) {
    public Group {
      Objects.requireNonNull(name, "name");
      if (completed < 0 || completed > recommendations) {
        throw new IllegalArgumentException(
            "group " + name + ": " + completed + " completed of " + recommendations);
      }
      Objects.requireNonNull(median, "median");
      horizons = List.copyOf(horizons);
      curve = List.copyOf(curve);
    }

    /** The figure for a horizon of {@code days}; throws for a horizon not reported. */
    public Horizon horizon(int days) {
      return horizons.stream()
          .filter(h -> h.days() == days)
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "no horizon of " + days + " days (reported: " + GapClosure.HORIZONS + ")"));
    }
  }

  /**
   * The share completed within {@code days}: {@code 1 − S(days)} with the log(−log) interval.
   *
   * @param completedWithin null when no recommendation in the group was followed that long and some
   *     were still open: the curve would only be carried forward to it
   */
  public record Horizon(int days, Interval completedWithin) {
    public Horizon {
      if (days <= 0) {
        throw new IllegalArgumentException("a horizon is a positive number of days, was " + days);
      }
    }
  }

  /**
   * The median days to completion with the Brookmeyer–Crowley 95% interval: the days on which the
   * curve, and its lower and upper pointwise bands, first reach one half. Each is null when the
   * data never reach it, as R's {@code survfit} prints NA: a median not reached can still have a
   * lower bound ("more than 150 days"), and an upper bound not reached leaves the interval open
   * above.
   *
   * @param days null when fewer than half were seen completing
   * @param lower null when even the lower band never reaches one half: nothing is known of the
   *     median but that it lies beyond the data
   * @param upper null when the interval is open above
   */
  public record Median(Double days, Double lower, Double upper) {
    public Median {
      if (days != null && lower == null) {
        throw new IllegalArgumentException("a median of " + days + " days needs its lower bound");
      }
      if ((lower != null && days != null && lower > days)
          || (upper != null && days != null && days > upper)
          || (upper != null && lower == null)) {
        throw new IllegalArgumentException(
            "median " + days + " outside its interval [" + lower + ", " + upper + "]");
      }
    }

    /**
     * Whether the interval contains {@code value}: an open upper end contains everything above;
     * without a lower bound there is no interval, and it contains nothing.
     */
    public boolean contains(double value) {
      return lower != null && lower <= value && (upper == null || value <= upper);
    }
  }

  /** One point of the curve: the share completed by {@code days}, with its pointwise interval. */
  public record CurvePoint(double days, double completed, double lower, double upper) {
    public CurvePoint {
      if (!(0 <= lower && lower <= completed && completed <= upper && upper <= 1)) {
        throw new IllegalArgumentException(
            "at day "
                + days
                + ": need 0 <= "
                + lower
                + " <= "
                + completed
                + " <= "
                + upper
                + " <= 1");
      }
    }
  }
}
