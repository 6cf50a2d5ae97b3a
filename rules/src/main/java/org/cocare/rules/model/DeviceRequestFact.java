package org.cocare.rules.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * An order (FHIR DeviceRequest); {@code codes} are its code (for a device, its code or the
 * Device's).
 */
public record DeviceRequestFact(
    String id,
    List<Code> codes,
    Set<String> valueSets,
    String status,
    String intent,
    LocalDate authored)
    implements ClinicalFact {
  public DeviceRequestFact {
    Facts.requireId(id, "DeviceRequest");
    codes = Facts.codes(codes);
    valueSets = Facts.valueSets(valueSets);
  }

  @Override
  public String resourceType() {
    return "DeviceRequest";
  }

  /** An order in the eCQM sense: status active or completed and an order intent. */
  public boolean isOrder() {
    return Facts.statusIn(status, "active", "completed") && Facts.isOrderIntent(intent);
  }
}
