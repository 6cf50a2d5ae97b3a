package org.cocare.fhir.recommendation;

import java.util.List;
import org.cocare.rules.recommendation.EducationContent;
import org.cocare.rules.recommendation.IssuedRecommendation;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Recommendation;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;

/** Maps issued recommendations to the FHIR resources a care team and an EHR understand. */
public final class RecommendationResources {
  public static final String EXTENSION_BASE = "https://cocare.org/fhir/StructureDefinition/";
  public static final String RULE_ID = EXTENSION_BASE + "rule-id";
  public static final String RULE_SET_VERSION = EXTENSION_BASE + "rule-set-version";
  public static final String MEASURE = EXTENSION_BASE + "measure";
  public static final String GUIDELINE = EXTENSION_BASE + "guideline";
  public static final String CATALOGUE_ITEM = EXTENSION_BASE + "catalogue-item";
  public static final String EDUCATION_VARIANT = EXTENSION_BASE + "education-variant";
  public static final String EDUCATION_FORMAT = EXTENSION_BASE + "education-format";
  public static final String CODE_SYSTEM = "https://cocare.org/fhir/CodeSystem/recommendation";
  public static final String KIND_SYSTEM = "https://cocare.org/fhir/CodeSystem/recommendation-kind";
  private static final String CATEGORY_SYSTEM =
      "http://terminology.hl7.org/CodeSystem/communication-category";

  private RecommendationResources() {}

  /** True when the recommendation is shown as a CommunicationRequest (else as a Task). */
  public static boolean isCommunication(Recommendation recommendation) {
    return recommendation.kind() != Kind.FOLLOW_UP_TASK;
  }

  public static CommunicationRequest communicationRequest(IssuedRecommendation issued) {
    Recommendation r = issued.recommendation();
    CommunicationRequest request = new CommunicationRequest();
    request.setId(issued.id());
    describe(request, issued);
    request.setStatus(
        switch (issued.status()) {
          case OPEN -> CommunicationRequest.CommunicationRequestStatus.ACTIVE;
          case COMPLETED -> CommunicationRequest.CommunicationRequestStatus.COMPLETED;
          case CLOSED -> CommunicationRequest.CommunicationRequestStatus.REVOKED;
        });
    request.addCategory(
        new CodeableConcept()
            .addCoding(
                new Coding(
                    CATEGORY_SYSTEM, r.kind() == Kind.EDUCATION ? "instruction" : "reminder", null))
            .addCoding(new Coding(KIND_SYSTEM, r.kind().code(), null)));
    request.setPriority(CommunicationRequest.CommunicationPriority.fromCode(r.priority().code()));
    request.setSubject(new Reference("Patient/" + issued.patientId()));
    request.addReasonCode(code(r).setText(r.reason()));
    evidence(r).forEach(request::addReasonReference);
    EducationContent content = r.content();
    if (content == null) {
      request.addPayload().setContent(new StringType(r.reason()));
    } else {
      // What the patient reads, in their language: the title, then the summary.
      request.setLanguage(content.language());
      request.addPayload().setContent(new StringType(content.title()));
      request.addPayload().setContent(new StringType(content.summary()));
      request.addExtension(new Extension(EDUCATION_VARIANT, new CodeType(content.variant())));
      request.addExtension(new Extension(EDUCATION_FORMAT, new CodeType(content.format())));
    }
    request.setOccurrence(due(r));
    request.setAuthoredOn(java.util.Date.from(issued.issuedAt()));
    return request;
  }

  public static Task task(IssuedRecommendation issued) {
    Recommendation r = issued.recommendation();
    Task task = new Task();
    task.setId(issued.id());
    describe(task, issued);
    task.setStatus(
        switch (issued.status()) {
          case OPEN -> Task.TaskStatus.REQUESTED;
          case COMPLETED -> Task.TaskStatus.COMPLETED;
          case CLOSED -> Task.TaskStatus.CANCELLED;
        });
    task.setIntent(Task.TaskIntent.ORDER);
    task.setPriority(Task.TaskPriority.fromCode(r.priority().code()));
    task.setCode(code(r));
    task.setDescription(r.reason());
    task.setFor(new Reference("Patient/" + issued.patientId()));
    task.setAuthoredOn(java.util.Date.from(issued.issuedAt()));
    task.getRestriction().setPeriod(new Period().setEndElement(due(r)));
    for (Reference evidence : evidence(r)) {
      task.addInput().setType(new CodeableConcept().setText("evidence")).setValue(evidence);
    }
    if (issued.closeReason() != null) {
      task.setStatusReason(new CodeableConcept().setText(issued.closeReason()));
    }
    return task;
  }

  /** The due date at day precision, as written (no time zone to shift it). */
  private static DateTimeType due(Recommendation r) {
    return new DateTimeType(r.due().toString());
  }

  private static void describe(DomainResource resource, IssuedRecommendation issued) {
    Recommendation r = issued.recommendation();
    resource.addExtension(new Extension(RULE_ID, new StringType(r.ruleId())));
    resource.addExtension(new Extension(RULE_SET_VERSION, new StringType(issued.ruleSetVersion())));
    if (r.measure() != null) {
      resource.addExtension(new Extension(MEASURE, new StringType(r.measure())));
    }
    if (r.guideline() != null) {
      resource.addExtension(new Extension(GUIDELINE, new StringType(r.guideline())));
    }
    if (r.catalogueItem() != null) {
      resource.addExtension(new Extension(CATALOGUE_ITEM, new StringType(r.catalogueItem())));
    }
  }

  private static CodeableConcept code(Recommendation r) {
    return new CodeableConcept().addCoding(new Coding(CODE_SYSTEM, r.code(), null));
  }

  private static List<Reference> evidence(Recommendation r) {
    return r.evidence().stream().map(Reference::new).toList();
  }
}
