package org.cocare.engine.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.cocare.fhir.value.PatientTraits;

/**
 * How soon gaps close: time from issue to completion by Kaplan–Meier, per group.
 *
 * <p>A completed recommendation is an event at {@code daysToComplete}; one not completed is
 * censored at {@code daysObserved}, the days it was followed (to the analysis date while open, or
 * to its expiry or supersession). Counting the open ones as "not completed" would read the recent
 * ones, which have had little time, as failures, and leaving them out would keep only the
 * slow-enough old ones: censoring uses what each one shows, that it had not completed by then. This
 * assumes that how long a recommendation was followed says nothing about when it would have
 * completed — true of the analysis date, less so of expiry when expiry follows from the patient's
 * situation.
 */
public final class GapClosure {
  /** The horizons, in days, that the share completed is reported for. */
  public static final List<Integer> HORIZONS = List.of(30, 90, 180);

  private GapClosure() {}

  /**
   * Gap closure of the recommendations the filter covers, by {@code dimension}.
   *
   * @param traits each patient's traits by patient id; a patient missing here counts as {@link
   *     PatientTraits#unknown}
   */
  public static ClosureReport of(
      List<FollowedRecommendation> recommendations,
      Map<String, PatientTraits> traits,
      ValueFilter filter,
      Dimension dimension) {
    List<ClosureReport.Group> groups = new ArrayList<>();
    Breakdown.groups(recommendations, traits, filter, dimension)
        .forEach((name, members) -> groups.add(group(name, members)));
    groups.sort(
        Breakdown.largestFirst(ClosureReport.Group::recommendations, ClosureReport.Group::name));
    return new ClosureReport(dimension, groups);
  }

  /** The Kaplan–Meier curve of time to completion, censoring the uncompleted ones. */
  static KaplanMeier curve(List<FollowedRecommendation> recommendations) {
    return KaplanMeier.of(
        recommendations.stream()
            .map(
                r ->
                    r.completed()
                        ? new KaplanMeier.Observation(r.daysToComplete(), true)
                        : new KaplanMeier.Observation(r.daysObserved(), false))
            .toList());
  }

  private static ClosureReport.Group group(String name, List<FollowedRecommendation> members) {
    KaplanMeier km = curve(members);
    double confidence = Breakdown.CONFIDENCE;
    List<ClosureReport.Horizon> horizons = new ArrayList<>();
    for (int days : HORIZONS) {
      boolean seen = km.longestFollowUp() >= days || km.survival(days) == 0;
      horizons.add(
          new ClosureReport.Horizon(
              days, seen ? completed(km.survivalInterval(days, confidence)) : null));
    }
    List<ClosureReport.CurvePoint> curve = new ArrayList<>();
    for (KaplanMeier.Step step : km.steps()) {
      Interval share = completed(km.survivalInterval(step.time(), confidence));
      curve.add(
          new ClosureReport.CurvePoint(
              step.time(), share.estimate(), share.lower(), share.upper()));
    }
    long completed = members.stream().filter(FollowedRecommendation::completed).count();
    return new ClosureReport.Group(
        name, members.size(), completed, horizons, median(km, confidence), curve);
  }

  /** {@code 1 − S} with its bounds swapped over. */
  private static Interval completed(Interval survival) {
    return new Interval(1 - survival.estimate(), 1 - survival.upper(), 1 - survival.lower());
  }

  private static ClosureReport.Median median(KaplanMeier km, double confidence) {
    // The lower band lies below S, so it reaches one half no later than S: a median found always
    // has its lower bound, as Median requires.
    return new ClosureReport.Median(
        boxed(km.median()), boxed(km.medianLower(confidence)), boxed(km.medianUpper(confidence)));
  }

  private static Double boxed(OptionalDouble value) {
    return value.isPresent() ? value.getAsDouble() : null;
  }
}
