package org.cocare.rules.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** A diagnosis or problem (FHIR Condition). Status values are the FHIR codes, lower case. */
public record ConditionFact(
    String id,
    List<Code> codes,
    Set<String> valueSets,
    String clinicalStatus,
    String verificationStatus,
    LocalDate onset,
    LocalDate abatement,
    LocalDate recorded)
    implements ClinicalFact {
  public ConditionFact {
    Facts.requireId(id, "Condition");
    codes = Facts.codes(codes);
    valueSets = Facts.valueSets(valueSets);
  }

  @Override
  public String resourceType() {
    return "Condition";
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
