package org.cocare.rules.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * An order (FHIR ServiceRequest); {@code codes} are its code (for a device, its code or the
 * Device's).
 */
public record ServiceRequestFact(
    String id,
    List<Code> codes,
    Set<String> valueSets,
    String status,
    String intent,
    LocalDate authored)
    implements ClinicalFact {
  public ServiceRequestFact {
    Facts.requireId(id, "ServiceRequest");
    codes = Facts.codes(codes);
    valueSets = Facts.valueSets(valueSets);
  }

  @Override
  public String resourceType() {
    return "ServiceRequest";
  }

  /** An order in the eCQM sense: status active or completed and an order intent. */
  public boolean isOrder() {
    return Facts.statusIn(status, "active", "completed") && Facts.isOrderIntent(intent);
  }
}
