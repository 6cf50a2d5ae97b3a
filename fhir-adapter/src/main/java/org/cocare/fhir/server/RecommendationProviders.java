package org.cocare.fhir.server;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.function.Predicate;
import org.cocare.fhir.facts.PatientCompartment;
import org.cocare.fhir.recommendation.RecommendationResources;
import org.cocare.rules.recommendation.IssuedRecommendation;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Task;

/** The read side: recommendations as CommunicationRequest (education, reminders) and Task. */
public final class RecommendationProviders {
  private RecommendationProviders() {}

  public static List<IResourceProvider> all(RecommendationSource source) {
    return List.of(new CommunicationRequests(source), new Tasks(source));
  }

  private static List<IssuedRecommendation> of(
      RecommendationSource source, ReferenceParam patient, Predicate<IssuedRecommendation> kind) {
    String patientId = PatientCompartment.idPart(patient.getValue());
    return source.forPatient(patientId).stream().filter(kind).toList();
  }

  private static IssuedRecommendation find(
      RecommendationSource source, IdType id, Predicate<IssuedRecommendation> kind) {
    return source
        .find(id.getIdPart())
        .filter(kind)
        .orElseThrow(() -> new ResourceNotFoundException(id));
  }

  private static boolean isCommunication(IssuedRecommendation issued) {
    return RecommendationResources.isCommunication(issued.recommendation());
  }

  /** {@code GET /fhir/CommunicationRequest?subject=Patient/{id}} and read by id. */
  public static final class CommunicationRequests implements IResourceProvider {
    private final RecommendationSource source;

    CommunicationRequests(RecommendationSource source) {
      this.source = source;
    }

    @Override
    public Class<CommunicationRequest> getResourceType() {
      return CommunicationRequest.class;
    }

    @Search
    public List<CommunicationRequest> bySubject(
        @RequiredParam(name = CommunicationRequest.SP_SUBJECT) ReferenceParam subject) {
      return of(source, subject, RecommendationProviders::isCommunication).stream()
          .map(RecommendationResources::communicationRequest)
          .toList();
    }

    @Read
    public CommunicationRequest read(@IdParam IdType id) {
      return RecommendationResources.communicationRequest(
          find(source, id, RecommendationProviders::isCommunication));
    }
  }

  /** {@code GET /fhir/Task?patient=Patient/{id}} and read by id. */
  public static final class Tasks implements IResourceProvider {
    private final RecommendationSource source;

    Tasks(RecommendationSource source) {
      this.source = source;
    }

    @Override
    public Class<Task> getResourceType() {
      return Task.class;
    }

    @Search
    public List<Task> byPatient(@RequiredParam(name = Task.SP_PATIENT) ReferenceParam patient) {
      return of(source, patient, issued -> !isCommunication(issued)).stream()
          .map(RecommendationResources::task)
          .toList();
    }

    @Read
    public Task read(@IdParam IdType id) {
      return RecommendationResources.task(find(source, id, issued -> !isCommunication(issued)));
    }
  }
}
