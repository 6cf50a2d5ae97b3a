package org.cocare.fhir.server;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DeviceRequest;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * {@code POST /fhir/{type}} and {@code PUT /fhir/{type}/{id}} for one resource type of a patient's
 * record. The body was stored and validated by the {@link IngestFilter}; the provider only hands
 * the stored message over.
 */
public final class IngestResourceProvider implements IResourceProvider {
  /** The resource types a client may send one at a time. */
  public static final List<Class<? extends Resource>> TYPES =
      List.of(
          Patient.class,
          Condition.class,
          Observation.class,
          Procedure.class,
          Encounter.class,
          MedicationRequest.class,
          Immunization.class,
          AllergyIntolerance.class,
          Consent.class,
          QuestionnaireResponse.class,
          ServiceRequest.class,
          DeviceRequest.class,
          DiagnosticReport.class,
          Coverage.class);

  private final Class<? extends Resource> type;
  private final MessageHandover handover;

  public IngestResourceProvider(Class<? extends Resource> type, IngestGateway gateway) {
    this.type = type;
    this.handover = new MessageHandover(gateway);
  }

  public static List<IngestResourceProvider> forAllTypes(IngestGateway gateway) {
    return TYPES.stream().map(t -> new IngestResourceProvider(t, gateway)).toList();
  }

  @Override
  public Class<? extends Resource> getResourceType() {
    return type;
  }

  @Create
  public MethodOutcome create(@ResourceParam String body, ServletRequestDetails request) {
    return outcome(handover.process(request));
  }

  @Update
  public MethodOutcome update(
      @IdParam IdType id, @ResourceParam String body, ServletRequestDetails request) {
    return outcome(handover.process(request));
  }

  private MethodOutcome outcome(ProcessingOutcome processed) {
    MethodOutcome outcome = new MethodOutcome();
    String reference =
        processed.changed().stream()
            .filter(r -> r.startsWith(type.getSimpleName() + "/"))
            .findFirst()
            .orElse(null);
    if (reference != null) {
      outcome.setId(new IdType(reference));
    }
    outcome.setCreated(processed.status() == ProcessingOutcome.Status.PROCESSED);
    return outcome;
  }
}
