package org.cocare.engine.value;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.cocare.fhir.value.PatientTraits;
import org.cocare.rules.ruleset.ValueConfiguration;

/**
 * The uplift of notifying, per rule, against its randomised holdout: the completion rate of
 * notified recommendations minus that of held-out ones. Randomisation makes the two arms alike in
 * everything but the notification, so the difference is what notifying did.
 *
 * <p>The filter's {@code cohort} is ignored: the figure needs both arms. Its other fields apply to
 * both arms alike.
 *
 * <p>Without {@code withinDays}, completion is "completed by the analysis date": the recent
 * recommendations have had less time, equally in both arms, so the difference is a fair comparison
 * but of completion by now, smaller than the eventual one. With {@code withinDays} it is "completed
 * within that many days of issue", which needs each counted recommendation to have had that long:
 * those issued fewer than {@code withinDays} days before the analysis date are left out of both
 * arms, completed or not — leaving out only the open ones would keep the recent quick completers
 * and raise both rates. Those issued earlier but followed for fewer days without completing
 * (expired or superseded) are left out too, as their completion within the days is not known.
 */
public final class Uplift {
  private static final NormalDistribution NORMAL = new NormalDistribution();

  private Uplift() {}

  /**
   * The uplift of every rule the filter covers.
   *
   * @param traits each patient's traits by patient id; a patient missing here counts as {@link
   *     PatientTraits#unknown}
   * @param withinDays null for completion by the analysis date, else completion within this many
   *     days of issue
   * @param analysisDate the date the recommendations were followed to; needed with {@code
   *     withinDays}, unused without
   */
  public static UpliftReport of(
      List<FollowedRecommendation> recommendations,
      Map<String, PatientTraits> traits,
      ValueFilter filter,
      Integer withinDays,
      Instant analysisDate) {
    if (withinDays != null && withinDays <= 0) {
      throw new IllegalArgumentException("withinDays must be positive, was " + withinDays);
    }
    if (withinDays != null && analysisDate == null) {
      throw new IllegalArgumentException(
          "completion within " + withinDays + " days needs the analysis date");
    }
    Instant issuedBy = withinDays == null ? null : analysisDate.minus(Duration.ofDays(withinDays));
    // Per rule: notified completed, notified counted, held-out completed, held-out counted.
    Map<Key, long[]> counts = new TreeMap<>();
    for (FollowedRecommendation r : Breakdown.covered(recommendations, traits, bothArms(filter))) {
      Key key = new Key(r.ruleId(), r.configuration());
      long[] c = counts.computeIfAbsent(key, k -> new long[4]);
      Boolean completed = completed(r, withinDays, issuedBy);
      if (completed != null) {
        int arm = r.heldOut() ? 2 : 0;
        c[arm + 1]++;
        c[arm] += completed ? 1 : 0;
      }
    }
    List<UpliftReport.RuleUplift> figures = new ArrayList<>();
    counts.forEach(
        (key, c) ->
            figures.add(figure(key, new Proportion(c[0], c[1]), new Proportion(c[2], c[3]))));
    return new UpliftReport(withinDays, figures);
  }

  /** Whether it completed as the figure counts it; null when it is left out. */
  private static Boolean completed(FollowedRecommendation r, Integer withinDays, Instant issuedBy) {
    if (withinDays == null) {
      return r.completed();
    }
    if (r.issuedAt().isAfter(issuedBy)) {
      return null;
    }
    if (r.completed()) {
      return r.daysToComplete() <= withinDays;
    }
    return r.daysObserved() >= withinDays ? false : null;
  }

  private static UpliftReport.RuleUplift figure(Key key, Proportion notified, Proportion heldOut) {
    double confidence = Breakdown.CONFIDENCE;
    Interval notifiedRate = notified.wilson(confidence);
    Interval heldOutRate = heldOut.wilson(confidence);
    if (notified.trials() == 0 || heldOut.trials() == 0) {
      return new UpliftReport.RuleUplift(
          key.ruleId(),
          key.configuration(),
          notified,
          notifiedRate,
          heldOut,
          heldOutRate,
          null,
          null,
          null,
          null,
          null,
          true,
          false);
    }
    Interval difference = notified.minus(heldOut, confidence);
    double d = difference.estimate();
    boolean includesZero = difference.contains(0);
    return new UpliftReport.RuleUplift(
        key.ruleId(),
        key.configuration(),
        notified,
        notifiedRate,
        heldOut,
        heldOutRate,
        difference,
        heldOut.rate() == 0 ? null : d / heldOut.rate(),
        pValue(notified, heldOut),
        d == 0 ? null : 1 / d,
        includesZero ? null : new Interval(1 / d, 1 / difference.upper(), 1 / difference.lower()),
        includesZero,
        difference.lower() > 0);
  }

  /** Two-sided p of the pooled two-proportion z-test; z² is the 2×2 table's chi-square. */
  private static double pValue(Proportion a, Proportion b) {
    double pooled = (double) (a.successes() + b.successes()) / (a.trials() + b.trials());
    double variance = pooled * (1 - pooled) * (1.0 / a.trials() + 1.0 / b.trials());
    if (variance == 0) {
      return 1;
    }
    double z = (a.rate() - b.rate()) / Math.sqrt(variance);
    return 2 * NORMAL.cumulativeProbability(-Math.abs(z));
  }

  private static ValueFilter bothArms(ValueFilter f) {
    return new ValueFilter(
        f.from(),
        f.to(),
        f.ruleId(),
        f.measure(),
        f.code(),
        f.kind(),
        null,
        f.configuration(),
        f.ageBand(),
        f.gender(),
        f.education(),
        f.visitReason(),
        f.department());
  }

  /**
   * A rule as figures are kept apart: by id and value configuration, so that a rule whose
   * configuration changed during the period shows as two.
   */
  record Key(String ruleId, ValueConfiguration configuration) implements Comparable<Key> {
    private static final Comparator<Key> ORDER =
        Comparator.comparing(Key::ruleId)
            .thenComparing(Key::configuration, Comparator.nullsFirst(Comparator.naturalOrder()));

    Key {
      Objects.requireNonNull(ruleId, "ruleId");
    }

    @Override
    public int compareTo(Key other) {
      return ORDER.compare(this, other);
    }
  }
}
