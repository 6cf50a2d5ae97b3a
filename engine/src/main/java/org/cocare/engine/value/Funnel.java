package org.cocare.engine.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cocare.fhir.value.PatientTraits;

/** The engagement funnel: how far issued recommendations got, per group. */
public final class Funnel {
  private Funnel() {}

  /**
   * The funnel of the recommendations the filter covers, by {@code dimension}.
   *
   * @param traits each patient's traits by patient id; a patient missing here counts as {@link
   *     PatientTraits#unknown}
   */
  public static FunnelReport of(
      List<FollowedRecommendation> recommendations,
      Map<String, PatientTraits> traits,
      ValueFilter filter,
      Dimension dimension) {
    List<FunnelReport.Group> groups = new ArrayList<>();
    Breakdown.groups(recommendations, traits, filter, dimension)
        .forEach((name, members) -> groups.add(group(name, members)));
    groups.sort(Breakdown.largestFirst(FunnelReport.Group::issued, FunnelReport.Group::name));
    return new FunnelReport(dimension, groups);
  }

  private static FunnelReport.Group group(String name, List<FollowedRecommendation> members) {
    long issued = members.size();
    Stage[] stages = Stage.values();
    List<FunnelReport.StageFigure> figures = new ArrayList<>();
    for (Stage stage : stages) {
      long count = members.stream().filter(r -> r.reached().contains(stage)).count();
      Interval ofIssued = new Proportion(count, issued).wilson(Breakdown.CONFIDENCE);
      FunnelReport.Conversion conversion = null;
      if (stage.ordinal() > 0) {
        Stage from = stages[stage.ordinal() - 1];
        long reachedFrom = members.stream().filter(r -> r.reached().contains(from)).count();
        long reachedBoth =
            members.stream()
                .filter(r -> r.reached().contains(from) && r.reached().contains(stage))
                .count();
        conversion =
            new FunnelReport.Conversion(
                from,
                reachedFrom,
                reachedBoth,
                reachedFrom == 0
                    ? null
                    : new Proportion(reachedBoth, reachedFrom).wilson(Breakdown.CONFIDENCE));
      }
      figures.add(new FunnelReport.StageFigure(stage, count, ofIssued, conversion));
    }
    return new FunnelReport.Group(name, issued, figures);
  }
}
