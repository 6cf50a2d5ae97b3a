package org.cocare.routes.evaluate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cocare.fhir.facts.MessageContent;
import org.cocare.fhir.facts.ResourceChange;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Resource;

/**
 * One piece of input (a Bundle, opened, or a single resource) sorted as {@link PatientStream} and
 * {@link Regroup} both read it: its resources by patient (a resource named twice, same type and id,
 * counts once, the later copy winning), and the Medications and Devices that belong to no patient
 * (what orders refer to), by reference. Resources deleted by the piece are left out.
 *
 * @param byPatient each patient's resources by reference, in the order the piece names them
 * @param referable the piece's Medications and Devices by reference
 * @param changes how many changes the piece holds, deletions included
 */
record PieceGroups(
    Map<String, Map<String, Resource>> byPatient, Map<String, Resource> referable, int changes) {

  static PieceGroups of(MessageContent content, Resource piece) {
    Map<String, Map<String, Resource>> byPatient = Map.of();
    Map<String, Resource> referable = Map.of();
    int changes = 0;
    for (ResourceChange change : content.changes(piece)) {
      changes++;
      if (change.action() != ResourceChange.Action.UPSERT) {
        continue;
      }
      if (change.patientId() != null) {
        if (byPatient.isEmpty()) {
          byPatient = new LinkedHashMap<>(4);
        }
        byPatient
            .computeIfAbsent(change.patientId(), p -> new LinkedHashMap<>())
            .put(change.reference(), change.resource());
      } else if (change.resource() instanceof Medication || change.resource() instanceof Device) {
        if (referable.isEmpty()) {
          referable = new LinkedHashMap<>(4);
        }
        referable.put(change.reference(), change.resource());
      }
    }
    return new PieceGroups(byPatient, referable, changes);
  }
}
