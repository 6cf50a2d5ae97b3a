package org.cocare.rules.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A procedure performed on the patient (FHIR Procedure); {@code performed} is latest(performed) and
 * {@code performedPeriod} the whole interval.
 */
public record ProcedureFact(
    String id,
    List<Code> codes,
    Set<String> valueSets,
    String status,
    LocalDate performed,
    Interval performedPeriod)
    implements ClinicalFact {
  public ProcedureFact {
    Facts.requireId(id, "Procedure");
    codes = Facts.codes(codes);
    valueSets = Facts.valueSets(valueSets);
    performedPeriod = performedPeriod == null ? Interval.day(performed) : performedPeriod;
  }

  /** A procedure on one date. */
  public ProcedureFact(
      String id, List<Code> codes, Set<String> valueSets, String status, LocalDate performed) {
    this(id, codes, valueSets, status, performed, null);
  }

  @Override
  public String resourceType() {
    return "Procedure";
  }

  public boolean isCompleted() {
    return "completed".equals(status);
  }
}
