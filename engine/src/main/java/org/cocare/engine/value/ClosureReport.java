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
   * @param median the median days to completion; null when fewer than half were seen completing
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
   * The median days to completion with the Brookmeyer–Crowley 95% interval.
   *
   * @param upper null when the data never reach it: the interval is open above
   */
  public record Median(double days, double lower, Double upper) {
    public Median {
      if (!(lower <= days && (upper == null || days <= upper))) {
        throw new IllegalArgumentException(
            "median " + days + " outside its interval [" + lower + ", " + upper + "]");
      }
    }

    /** Whether the interval contains {@code value}; an open upper end contains everything above. */
    public boolean contains(double value) {
      return lower <= value && (upper == null || value <= upper);
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
