package org.cocare.rules.model;

import java.util.List;
import java.util.Set;

/** A coded clinical fact taken from one FHIR resource of the patient's record. */
public sealed interface ClinicalFact
    permits ConditionFact,
        ObservationFact,
        ProcedureFact,
        EncounterFact,
        MedicationFact,
        ImmunizationFact,
        ServiceRequestFact,
        DeviceRequestFact {

  /** The FHIR resource type the fact came from, e.g. {@code Condition}. */
  String resourceType();

  String id();

  List<Code> codes();

  /** Canonical URLs of the value sets that contain at least one of {@link #codes()}. */
  Set<String> valueSets();

  default boolean inValueSet(String valueSetUrl) {
    return valueSets().contains(valueSetUrl);
  }

  /** The resource reference used as evidence, e.g. {@code Condition/123}. */
  default String reference() {
    return resourceType() + "/" + id();
  }
}
