package org.cocare.engine.value;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.cocare.fhir.value.PatientTraits;

/** The recommendations a figure covers, grouped by a dimension: shared by every figure. */
final class Breakdown {
  /** The level of every interval value analysis reports. */
  static final double CONFIDENCE = 0.95;

  private Breakdown() {}

  /**
   * The recommendations the filter covers, by group name. A patient without traits is looked at as
   * {@link PatientTraits#unknown}: counted, in the {@value Dimension#NOT_STATED} groups, but
   * matching no patient filter.
   */
  static Map<String, List<FollowedRecommendation>> groups(
      List<FollowedRecommendation> recommendations,
      Map<String, PatientTraits> traits,
      ValueFilter filter,
      Dimension dimension) {
    Map<String, List<FollowedRecommendation>> groups = new TreeMap<>();
    for (FollowedRecommendation r : recommendations) {
      PatientTraits t = traitsOf(r, traits);
      if (filter.matches(r, t)) {
        groups.computeIfAbsent(dimension.groupOf(r, t), name -> new ArrayList<>()).add(r);
      }
    }
    return groups;
  }

  /** The recommendations the filter covers, in their order. */
  static List<FollowedRecommendation> covered(
      List<FollowedRecommendation> recommendations,
      Map<String, PatientTraits> traits,
      ValueFilter filter) {
    return recommendations.stream().filter(r -> filter.matches(r, traitsOf(r, traits))).toList();
  }

  private static PatientTraits traitsOf(
      FollowedRecommendation r, Map<String, PatientTraits> traits) {
    PatientTraits t = traits.get(r.patientId());
    return t == null ? PatientTraits.unknown(r.patientId()) : t;
  }

  /** Largest group first, so a table starts with what most figures rest on; then by name. */
  static <G> Comparator<G> largestFirst(ToLongFunction<G> size, Function<G, String> name) {
    return Comparator.comparingLong(size).reversed().thenComparing(name);
  }
}
