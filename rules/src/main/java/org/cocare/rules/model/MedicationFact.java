package org.cocare.rules.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** A medication order (FHIR MedicationRequest). */
public record MedicationFact(
    String id,
    List<Code> codes,
    Set<String> valueSets,
    String status,
    String intent,
    LocalDate authored)
    implements ClinicalFact {
  public MedicationFact {
    Facts.requireId(id, "MedicationRequest");
    codes = Facts.codes(codes);
    valueSets = Facts.valueSets(valueSets);
  }

  @Override
  public String resourceType() {
    return "MedicationRequest";
  }

  public boolean isActive() {
    return Facts.statusIn(status, "active", "completed");
  }
}
