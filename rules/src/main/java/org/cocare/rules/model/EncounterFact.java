package org.cocare.rules.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A visit or stay (FHIR Encounter). {@code codes} are its types; {@code classCode} is the v3
 * ActCode class (e.g. {@code IMP} inpatient, {@code AMB} ambulatory).
 */
public record EncounterFact(
    String id,
    List<Code> codes,
    Set<String> valueSets,
    String status,
    String classCode,
    LocalDate start,
    LocalDate end,
    String dischargeDisposition)
    implements ClinicalFact {
  public EncounterFact {
    Facts.requireId(id, "Encounter");
    codes = Facts.codes(codes);
    valueSets = Facts.valueSets(valueSets);
  }

  @Override
  public String resourceType() {
    return "Encounter";
  }

  /** The period; without an end it is open-ended (and so never "during" a window). */
  public Interval period() {
    return start == null && end == null ? Interval.NONE : Interval.of(start, end);
  }

  public boolean isFinished() {
    return "finished".equals(status);
  }

  /** Took place or is taking place: finished, in progress, arrived or triaged. */
  public boolean isHappened() {
    return Facts.statusIn(status, "finished", "in-progress", "arrived", "triaged");
  }
}
