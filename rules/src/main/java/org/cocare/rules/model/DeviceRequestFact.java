package org.cocare.rules.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * An order (FHIR DeviceRequest); {@code codes} are its code (for a device, its code or the
 * Device's). {@code doNotPerform} is true when the request carries a doNotPerform modifier set to
 * true: it then forbids the device rather than orders it (the 2024 eCQMs drop such requests, the
 * 2025 ones do not look; MEASURES.md §10.1, §14.4).
 */
public record DeviceRequestFact(
    String id,
    List<Code> codes,
    Set<String> valueSets,
    String status,
    String intent,
    LocalDate authored,
    boolean doNotPerform)
    implements ClinicalFact {
  public DeviceRequestFact {
    Facts.requireId(id, "DeviceRequest");
    codes = Facts.codes(codes);
    valueSets = Facts.valueSets(valueSets);
  }

  public DeviceRequestFact(
      String id,
      List<Code> codes,
      Set<String> valueSets,
      String status,
      String intent,
      LocalDate authored) {
    this(id, codes, valueSets, status, intent, authored, false);
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
