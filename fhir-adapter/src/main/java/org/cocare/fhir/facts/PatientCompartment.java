package org.cocare.fhir.facts;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Whose record a resource belongs to, following the FHIR Patient compartment (subject, patient,
 * beneficiary, …), and how ids and references are normalised: {@code urn:uuid:x}, {@code
 * Patient/x}, {@code http://host/fhir/Patient/x/_history/2} all name patient {@code x}.
 */
public final class PatientCompartment {
  /**
   * The elements where a resource names the patient it is about. Its other compartment links
   * (performer, asserter, recorder, subscriber) may name someone else: a practitioner, which in a
   * transaction is an {@code urn:uuid} that gives no type, or another patient such as a parent.
   */
  private static final List<String> SUBJECT_ELEMENTS = List.of("subject", "patient", "beneficiary");

  private final FhirContext context;

  public PatientCompartment(FhirContext context) {
    this.context = context;
  }

  /** The id of the patient whose record holds {@code resource}, or null if it belongs to none. */
  public String patientIdOf(Resource resource) {
    if (resource instanceof Patient patient) {
      return idPart(patient.getIdElement().getValue());
    }
    for (String element : SUBJECT_ELEMENTS) {
      Property property = resource.getNamedProperty(element);
      if (property != null) {
        for (Base value : property.getValues()) {
          if (value instanceof Reference reference && isPatient(reference)) {
            return idPart(reference.getReference());
          }
        }
      }
    }
    FhirTerser terser = context.newTerser();
    List<IIdType> owners =
        terser.getCompartmentOwnersForResource("Patient", resource, java.util.Set.<String>of());
    for (IIdType owner : owners) {
      String value = owner.getValue();
      if (value != null
          && (value.startsWith("urn:uuid:") || "Patient".equals(owner.getResourceType()))) {
        return idPart(value);
      }
    }
    return null;
  }

  private static boolean isPatient(Reference reference) {
    String value = reference.getReference();
    if (value == null) {
      return false;
    }
    if (value.startsWith("urn:uuid:")) {
      return !reference.hasType() || "Patient".equals(reference.getType());
    }
    return "Patient".equals(reference.getReferenceElement().getResourceType());
  }

  /**
   * The logical id named by an id or reference value: the part after {@code urn:uuid:} or after the
   * resource type, without {@code _history}. Null for null or blank.
   */
  public static String idPart(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.startsWith("urn:uuid:")) {
      return value.substring("urn:uuid:".length());
    }
    if (value.startsWith("urn:oid:")) {
      return value.substring("urn:oid:".length());
    }
    String path = value;
    int history = path.indexOf("/_history");
    if (history >= 0) {
      path = path.substring(0, history);
    }
    int slash = path.lastIndexOf('/');
    return slash >= 0 ? path.substring(slash + 1) : path;
  }

  /** A stable id for a resource that arrived with none: derived from its content. */
  public static String contentId(String content) {
    return UUID.nameUUIDFromBytes(content.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
