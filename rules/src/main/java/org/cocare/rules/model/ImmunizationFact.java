package org.cocare.rules.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** A vaccine given (FHIR Immunization). */
public record ImmunizationFact(
    String id, List<Code> codes, Set<String> valueSets, String status, LocalDate occurrence)
    implements ClinicalFact {
  public ImmunizationFact {
    Facts.requireId(id, "Immunization");
    codes = Facts.codes(codes);
    valueSets = Facts.valueSets(valueSets);
  }

  @Override
  public String resourceType() {
    return "Immunization";
  }

  public boolean isCompleted() {
    return "completed".equals(status);
  }
}
