package org.cocare.rules.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** A measurement or test result (FHIR Observation). {@code value} is null when not a quantity. */
public record ObservationFact(
    String id,
    List<Code> codes,
    Set<String> valueSets,
    String status,
    LocalDate effective,
    BigDecimal value,
    String unit)
    implements ClinicalFact {
  public ObservationFact {
    Facts.requireId(id, "Observation");
    codes = Facts.codes(codes);
    valueSets = Facts.valueSets(valueSets);
  }

  @Override
  public String resourceType() {
    return "Observation";
  }

  /** A result that counts: final, amended, corrected or preliminary. */
  public boolean isResulted() {
    return Facts.statusIn(status, "final", "amended", "corrected", "preliminary");
  }
}
