package org.cocare.engine.value;

import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.cocare.engine.outcome.Cohort;
import org.cocare.fhir.value.PatientTraits;

/**
 * What a value figure is broken down by: a field of the recommendation or a trait of its patient.
 * Each recommendation falls in exactly one group; one whose field or patient trait is not stated
 * falls in {@value #NOT_STATED}, so that the groups always add up to the whole.
 */
public enum Dimension {
  ALL("all", (r, t) -> "all"),
  RULE("rule", (r, t) -> r.ruleId()),
  CODE("code", (r, t) -> r.code()),
  MEASURE("measure", (r, t) -> r.measure()),
  KIND("kind", (r, t) -> r.kind().code()),
  /** Held-out recommendations were never announced, so they fall in {@value #NOT_STATED}. */
  CHANNEL("channel", (r, t) -> r.channel()),
  LANGUAGE("language", (r, t) -> r.language()),
  CONFIGURATION(
      "configuration", (r, t) -> r.configuration() == null ? null : r.configuration().code()),
  COHORT("cohort", (r, t) -> (r.heldOut() ? Cohort.CONTROL : Cohort.INTERVENTION).code()),
  AGE_BAND("age-band", (r, t) -> t.ageBand()),
  GENDER("gender", (r, t) -> t.gender()),
  EDUCATION("education", (r, t) -> t.education()),
  VISIT_REASON("visit-reason", (r, t) -> t.visitReason()),
  DEPARTMENT("department", (r, t) -> t.department());

  /** The group of recommendations whose field or patient trait is not stated. */
  public static final String NOT_STATED = "not stated";

  private final String code;
  private final BiFunction<FollowedRecommendation, PatientTraits, String> group;

  Dimension(String code, BiFunction<FollowedRecommendation, PatientTraits, String> group) {
    this.code = code;
    this.group = group;
  }

  public String code() {
    return code;
  }

  public static Dimension fromCode(String code) {
    return Arrays.stream(values())
        .filter(d -> d.code.equals(code))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown dimension: "
                        + code
                        + " (known: "
                        + Arrays.stream(values())
                            .map(Dimension::code)
                            .collect(Collectors.joining(", "))
                        + ")"));
  }

  /** The group the recommendation, of a patient with these traits, falls in. */
  public String groupOf(FollowedRecommendation recommendation, PatientTraits traits) {
    String name = group.apply(recommendation, traits);
    return name == null || name.isBlank() ? NOT_STATED : name;
  }
}
