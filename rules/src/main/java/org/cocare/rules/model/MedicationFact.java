package org.cocare.rules.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A medication order (FHIR MedicationRequest); {@code period} is the medication request period of
 * the eCQM CumulativeMedicationDuration logic (MEASURES.md §2.6), {@link Interval#NONE} when it
 * cannot be computed.
 */
public record MedicationFact(
    String id,
    List<Code> codes,
    Set<String> valueSets,
    String status,
    String intent,
    LocalDate authored,
    Interval period)
    implements ClinicalFact {
  public MedicationFact {
    Facts.requireId(id, "MedicationRequest");
    codes = Facts.codes(codes);
    valueSets = Facts.valueSets(valueSets);
    period = period == null ? Interval.NONE : period;
  }

  public MedicationFact(
      String id,
      List<Code> codes,
      Set<String> valueSets,
      String status,
      String intent,
      LocalDate authored) {
    this(id, codes, valueSets, status, intent, authored, null);
  }

  /** "Medication active" in the eCQM status helpers: status active and an order intent. */
  public boolean isActiveOrder() {
    return "active".equals(status) && Facts.isOrderIntent(intent);
  }

  @Override
  public String resourceType() {
    return "MedicationRequest";
  }

  public boolean isActive() {
    return Facts.statusIn(status, "active", "completed");
  }
}
