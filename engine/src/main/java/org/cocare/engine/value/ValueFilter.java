package org.cocare.engine.value;

import java.time.Instant;
import java.util.Objects;
import org.cocare.engine.outcome.Cohort;
import org.cocare.fhir.value.PatientTraits;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.ruleset.ValueConfiguration;

/**
 * Which recommendations and patients a value figure covers; a null field matches everything. The
 * period is on the recommendation's issue time, {@code from} inclusive and {@code to} exclusive.
 * The patient filters ({@code ageBand} … {@code department}) compare with {@link PatientTraits}: a
 * patient whose record does not state a trait matches no filter on it.
 */
public record ValueFilter(
    Instant from,
    Instant to,
    String ruleId,
    String measure,
    String code,
    Kind kind,
    Cohort cohort,
    ValueConfiguration configuration,
    String ageBand,
    String gender,
    String education,
    String visitReason,
    String department) {

  /** Everything. */
  public static final ValueFilter ALL =
      new ValueFilter(null, null, null, null, null, null, null, null, null, null, null, null, null);

  public ValueFilter {
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from " + from + " must be before to " + to);
    }
  }

  /** Whether the recommendation, of a patient with these traits, is covered. */
  public boolean matches(FollowedRecommendation r, PatientTraits traits) {
    return (from == null || !r.issuedAt().isBefore(from))
        && (to == null || r.issuedAt().isBefore(to))
        && same(ruleId, r.ruleId())
        && same(measure, r.measure())
        && same(code, r.code())
        && (kind == null || kind == r.kind())
        && (cohort == null || (cohort == Cohort.CONTROL) == r.heldOut())
        && (configuration == null || configuration == r.configuration())
        && matchesPatient(traits);
  }

  /** Whether a patient with these traits is covered by the patient filters. */
  public boolean matchesPatient(PatientTraits traits) {
    return same(ageBand, traits.ageBand())
        && same(gender, traits.gender())
        && same(education, traits.education())
        && same(visitReason, traits.visitReason())
        && same(department, traits.department());
  }

  private static boolean same(String wanted, String actual) {
    return wanted == null || Objects.equals(wanted, actual);
  }
}
