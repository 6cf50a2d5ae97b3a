package org.cocare.fhir.facts;

import java.util.Objects;
import org.hl7.fhir.r4.model.Resource;

/**
 * One change a message makes to a patient's record: an upsert of {@code resource}, or a delete of
 * {@code resourceType/resourceId} (then {@code resource} is null). {@code patientId} is null when
 * the resource belongs to no patient (e.g. an Organization) or, for a delete, is not known yet.
 */
public record ResourceChange(
    Action action, String resourceType, String resourceId, String patientId, Resource resource) {

  public enum Action {
    UPSERT,
    DELETE
  }

  public ResourceChange {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(resourceId, "resourceId");
    if (action == Action.UPSERT && resource == null) {
      throw new IllegalArgumentException(
          "an upsert of " + resourceType + "/" + resourceId + " needs the resource");
    }
  }

  public String reference() {
    return resourceType + "/" + resourceId;
  }
}
