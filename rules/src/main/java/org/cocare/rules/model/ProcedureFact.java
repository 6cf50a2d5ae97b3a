package org.cocare.rules.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A procedure performed on the patient (FHIR Procedure); {@code performed} is its end, or start.
 */
public record ProcedureFact(
    String id, List<Code> codes, Set<String> valueSets, String status, LocalDate performed)
    implements ClinicalFact {
  public ProcedureFact {
    Facts.requireId(id, "Procedure");
    codes = Facts.codes(codes);
    valueSets = Facts.valueSets(valueSets);
  }

  @Override
  public String resourceType() {
    return "Procedure";
  }

  public boolean isCompleted() {
    return "completed".equals(status);
  }
}
