package org.cocare.rules.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A diagnosis or problem (FHIR Condition). Status values are the FHIR codes, lower case. {@code
 * bodySites} are the codings of {@code Condition.bodySite} (e.g. the laterality qualifier of a
 * unilateral mastectomy in CMS125).
 */
public record ConditionFact(
    String id,
    List<Code> codes,
    Set<String> valueSets,
    String clinicalStatus,
    String verificationStatus,
    LocalDate onset,
    LocalDate abatement,
    LocalDate recorded,
    List<Code> bodySites)
    implements ClinicalFact {
  public ConditionFact {
    Facts.requireId(id, "Condition");
    codes = Facts.codes(codes);
    valueSets = Facts.valueSets(valueSets);
    bodySites = Facts.codes(bodySites);
  }

  /** A condition without a body site. */
  public ConditionFact(
      String id,
      List<Code> codes,
      Set<String> valueSets,
      String clinicalStatus,
      String verificationStatus,
      LocalDate onset,
      LocalDate abatement,
      LocalDate recorded) {
    this(
        id,
        codes,
        valueSets,
        clinicalStatus,
        verificationStatus,
        onset,
        abatement,
        recorded,
        List.of());
  }

  @Override
  public String resourceType() {
    return "Condition";
  }

  /**
   * The prevalence period (MEASURES.md §1.6): from the onset (unbounded when absent) to the
   * abatement; with no abatement it runs on for an active condition and has an unknown end for any
   * other.
   */
  public Interval prevalence() {
    if (abatement != null) {
      return Interval.of(onset, abatement);
    }
    boolean clinicallyActive = Facts.statusIn(clinicalStatus, "active", "recurrence", "relapse");
    return new Interval(onset, null, !clinicallyActive);
  }

  /** Has a body-site coding with exactly this system and code. */
  public boolean hasBodySite(String system, String code) {
    return Facts.hasCode(bodySites, system, code);
  }

  /** "Verified" (MEASURES.md §1.7): not refuted and not entered in error. */
  public boolean isVerified() {
    return !Facts.statusIn(verificationStatus, "refuted", "entered-in-error");
  }

  /**
   * Active: clinical status active, recurrence or relapse (or absent and not abated), and not
   * refuted or entered in error.
   */
  public boolean isActive() {
    boolean clinicallyActive =
        clinicalStatus == null
            ? abatement == null
            : Facts.statusIn(clinicalStatus, "active", "recurrence", "relapse");
    return clinicallyActive && !Facts.statusIn(verificationStatus, "refuted", "entered-in-error");
  }
}
