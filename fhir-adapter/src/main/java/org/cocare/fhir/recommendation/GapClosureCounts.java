package org.cocare.fhir.recommendation;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cocare's gap-closure figures for one measure over one period, as counts: the gaps it found (the
 * recommendations for the measure issued in the period), the ones closed with evidence, and the
 * shares closed within 30, 90 and 180 days of issue.
 *
 * @param measure the measure the recommendations close gaps of, as recommendations name it ({@code
 *     CMS130})
 * @param issued recommendations for the measure issued in the period
 * @param completed of those, completed with evidence (by the time the figures were made)
 * @param within30 closed within 30 days of issue, among those issued at least 30 days before the
 *     figures were made (a later one has not had 30 days to close) and either closed or followed
 *     that long (one that expired sooner is not known either way)
 * @param within90 the same for 90 days
 * @param within180 the same for 180 days
 */
public record GapClosureCounts(
    String measure,
    LocalDate periodStart,
    LocalDate periodEnd,
    int issued,
    int completed,
    Share within30,
    Share within90,
    Share within180) {

  public GapClosureCounts {
    if (measure == null || !measure.matches("[A-Za-z0-9.\\-]{1,64}")) {
      throw new IllegalArgumentException(
          "measure " + measure + " is not an id (letters, digits, '-', '.'; at most 64)");
    }
    if (periodStart == null || periodEnd == null || periodEnd.isBefore(periodStart)) {
      throw new IllegalArgumentException(
          measure + ": the period " + periodStart + ".." + periodEnd + " is not a period");
    }
    if (issued < 0 || completed < 0 || completed > issued) {
      throw new IllegalArgumentException(
          measure + ": " + completed + " completed of " + issued + " issued is impossible");
    }
    check(measure, 30, within30, issued, completed);
    check(measure, 90, within90, issued, completed);
    check(measure, 180, within180, issued, completed);
  }

  private static void check(String measure, int days, Share share, int issued, int completed) {
    if (share == null) {
      throw new IllegalArgumentException(
          measure + ": the share closed within " + days + " days is missing");
    }
    if (share.denominator() > issued || share.completed() > completed) {
      throw new IllegalArgumentException(
          measure
              + ": "
              + share.completed()
              + " of "
              + share.denominator()
              + " closed within "
              + days
              + " days does not fit "
              + completed
              + " completed of "
              + issued
              + " issued");
    }
  }

  /** The shares by their horizon in days, shortest first. */
  public Map<Integer, Share> withinDays() {
    Map<Integer, Share> shares = new LinkedHashMap<>();
    shares.put(30, within30);
    shares.put(90, within90);
    shares.put(180, within180);
    return shares;
  }

  /**
   * Of {@code denominator} recommendations that had had the horizon's days by the period's end,
   * {@code completed} were completed within them.
   */
  public record Share(int completed, int denominator) {
    public Share {
      if (completed < 0 || denominator < 0 || completed > denominator) {
        throw new IllegalArgumentException(
            completed + " closed of " + denominator + " is not a share");
      }
    }
  }
}
