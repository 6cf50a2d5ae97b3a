package org.cocare.fhir.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.cocare.fhir.intake.FhirReader;
import org.cocare.fhir.intake.InvalidFhirException;
import org.cocare.rules.recommendation.EducationContent;
import org.cocare.rules.recommendation.IssuedRecommendation;
import org.cocare.rules.recommendation.IssuedRecommendation.Status;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Priority;
import org.cocare.rules.recommendation.Recommendation;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.CommunicationRequest.CommunicationPriority;
import org.hl7.fhir.r4.model.CommunicationRequest.CommunicationRequestStatus;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskIntent;
import org.hl7.fhir.r4.model.Task.TaskPriority;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RecommendationResourcesTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  /** The validator takes seconds to warm: one reader for the whole class. */
  private static final FhirReader READER = new FhirReader(FHIR);

  private static final String CATEGORY =
      "http://terminology.hl7.org/CodeSystem/communication-category";
  private static final Instant ISSUED = Instant.parse("2026-11-29T10:15:30Z");
  private static final LocalDate DUE = LocalDate.of(2026, 12, 29);

  private static final Recommendation EDUCATION =
      Recommendation.education(
          "education-diabetes",
          "diabetes-education",
          "ADA Standards of Care 2026",
          "Active type 2 diabetes: offer self-management education.",
          List.of("Condition/cc88827a", "Encounter/a0a0d49c"),
          DUE,
          "diabetes-basics-en");

  private static final Recommendation SCREENING =
      new Recommendation(
          "screening-colorectal",
          Kind.SCREENING_REMINDER,
          "CMS130",
          null,
          "colorectal-screening-gap",
          "Aged 45-75 with no colorectal cancer screening on record.",
          List.of("Patient/p1"),
          DUE,
          Priority.ROUTINE,
          null,
          null);

  private static final Recommendation FOLLOW_UP =
      Recommendation.followUp(
          "followup-post-discharge",
          "post-discharge-follow-up",
          "Transitional care management",
          "Discharged home on 2026-11-24 with no follow-up visit since.",
          List.of("Encounter/ae9b459c", "Condition/b124f4f6"),
          LocalDate.of(2026, 12, 1),
          Priority.URGENT);

  @Test
  void openEducation_isAnActiveInstructionForThePatient() {
    CommunicationRequest request =
        RecommendationResources.communicationRequest(issued(EDUCATION, Status.OPEN, null));

    assertThat(request.getIdElement().getIdPart()).isEqualTo("rec-1");
    assertThat(request.getStatus()).isEqualTo(CommunicationRequestStatus.ACTIVE);
    assertThat(request.getCategory())
        .singleElement()
        .satisfies(
            category ->
                assertThat(category.getCoding())
                    .extracting(c -> c.getSystem(), c -> c.getCode())
                    .containsExactly(
                        tuple(CATEGORY, "instruction"),
                        tuple(RecommendationResources.KIND_SYSTEM, "education")));
    assertThat(request.getPriority()).isEqualTo(CommunicationPriority.ROUTINE);
    assertThat(request.getSubject().getReference()).isEqualTo("Patient/p1");
    assertThat(request.getReasonReference())
        .extracting(Reference::getReference)
        .containsExactly("Condition/cc88827a", "Encounter/a0a0d49c");
    assertThat(request.getReasonCodeFirstRep().getCodingFirstRep().getCode())
        .isEqualTo("education-diabetes");
    assertThat(request.getReasonCodeFirstRep().getText()).isEqualTo(EDUCATION.reason());
    assertThat(request.getPayloadFirstRep().getContent())
        .isInstanceOfSatisfying(
            StringType.class, s -> assertThat(s.getValue()).isEqualTo(EDUCATION.reason()));
    assertThat(request.getAuthoredOn()).isEqualTo(java.util.Date.from(ISSUED));
  }

  @Test
  void educationWithContent_isInThePatientsLanguage_titleThenSummary() {
    Recommendation chinese =
        EDUCATION.withContent(
            new EducationContent(
                "diabetes-basics-en", "zh-CN", "plain", "video", "糖尿病基本知识", "查血糖，吃得健康。"));

    CommunicationRequest request =
        RecommendationResources.communicationRequest(issued(chinese, Status.OPEN, null));

    assertThat(request.getLanguage()).isEqualTo("zh-CN");
    assertThat(request.getPayload())
        .extracting(p -> p.getContentStringType().getValue())
        .containsExactly("糖尿病基本知识", "查血糖，吃得健康。");
    assertThat(request.getExtensionString(RecommendationResources.EDUCATION_VARIANT))
        .isEqualTo("plain");
    assertThat(request.getExtensionString(RecommendationResources.EDUCATION_FORMAT))
        .isEqualTo("video");
    assertThat(request.getReasonCodeFirstRep().getText()).isEqualTo(EDUCATION.reason());
    assertValidR4(request);
  }

  @Test
  void occurrence_isTheDueDayAsWritten() {
    CommunicationRequest request =
        RecommendationResources.communicationRequest(issued(EDUCATION, Status.OPEN, null));

    assertThat(request.getOccurrence())
        .isInstanceOfSatisfying(
            DateTimeType.class,
            due -> {
              assertThat(due.getValueAsString()).isEqualTo("2026-12-29");
              assertThat(due.getPrecision()).isEqualTo(TemporalPrecisionEnum.DAY);
            });
  }

  @Test
  void education_carriesRuleRuleSetGuidelineAndCatalogueItem() {
    CommunicationRequest request =
        RecommendationResources.communicationRequest(issued(EDUCATION, Status.OPEN, null));

    assertThat(extension(request, RecommendationResources.RULE_ID)).isEqualTo("diabetes-education");
    assertThat(extension(request, RecommendationResources.RULE_SET_VERSION))
        .isEqualTo("cocare-default@1");
    assertThat(extension(request, RecommendationResources.GUIDELINE))
        .isEqualTo("ADA Standards of Care 2026");
    assertThat(extension(request, RecommendationResources.CATALOGUE_ITEM))
        .isEqualTo("diabetes-basics-en");
    assertThat(request.getExtensionByUrl(RecommendationResources.MEASURE)).isNull();
  }

  @Test
  void measureScreening_isAReminderNamingItsMeasure() {
    CommunicationRequest request =
        RecommendationResources.communicationRequest(issued(SCREENING, Status.OPEN, null));

    assertThat(request.getCategoryFirstRep().getCoding())
        .extracting(c -> c.getCode())
        .containsExactly("reminder", "screening-reminder");
    assertThat(extension(request, RecommendationResources.MEASURE)).isEqualTo("CMS130");
    assertThat(request.getExtensionByUrl(RecommendationResources.GUIDELINE)).isNull();
    assertThat(request.getExtensionByUrl(RecommendationResources.CATALOGUE_ITEM)).isNull();
  }

  @ParameterizedTest
  @CsvSource({"OPEN, ACTIVE", "COMPLETED, COMPLETED", "CLOSED, REVOKED"})
  void communicationStatus_followsTheRecommendation(
      Status status, CommunicationRequestStatus expected) {
    CommunicationRequest request =
        RecommendationResources.communicationRequest(issued(EDUCATION, status, null));

    assertThat(request.getStatus()).isEqualTo(expected);
  }

  @Test
  void openFollowUp_isARequestedOrderForTheCareTeam() {
    Task task = RecommendationResources.task(issued(FOLLOW_UP, Status.OPEN, null));

    assertThat(task.getIdElement().getIdPart()).isEqualTo("rec-1");
    assertThat(task.getStatus()).isEqualTo(TaskStatus.REQUESTED);
    assertThat(task.getIntent()).isEqualTo(TaskIntent.ORDER);
    assertThat(task.getPriority()).isEqualTo(TaskPriority.URGENT);
    assertThat(task.getFor().getReference()).isEqualTo("Patient/p1");
    assertThat(task.getCode().getCodingFirstRep().getSystem())
        .isEqualTo(RecommendationResources.CODE_SYSTEM);
    assertThat(task.getCode().getCodingFirstRep().getCode()).isEqualTo("followup-post-discharge");
    assertThat(task.getDescription()).isEqualTo(FOLLOW_UP.reason());
    assertThat(task.getRestriction().getPeriod().getEndElement().getValueAsString())
        .isEqualTo("2026-12-01");
    assertThat(task.getInput())
        .extracting(i -> ((Reference) i.getValue()).getReference())
        .containsExactly("Encounter/ae9b459c", "Condition/b124f4f6");
    assertThat(task.getInput()).allSatisfy(i -> assertThat(i.getType().getText()).isNotBlank());
    assertThat(task.hasStatusReason()).isFalse();
    assertThat(extension(task, RecommendationResources.RULE_ID))
        .isEqualTo("post-discharge-follow-up");
  }

  @ParameterizedTest
  @CsvSource({"OPEN, REQUESTED", "COMPLETED, COMPLETED", "CLOSED, CANCELLED"})
  void taskStatus_followsTheRecommendation(Status status, TaskStatus expected) {
    Task task = RecommendationResources.task(issued(FOLLOW_UP, status, null));

    assertThat(task.getStatus()).isEqualTo(expected);
  }

  @Test
  void closedFollowUp_saysWhy() {
    Task task =
        RecommendationResources.task(
            issued(FOLLOW_UP, Status.CLOSED, "patient moved to another practice"));

    assertThat(task.getStatusReason().getText()).isEqualTo("patient moved to another practice");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void onlyFollowUps_areTasks(Kind kind) {
    Recommendation recommendation =
        switch (kind) {
          case EDUCATION -> EDUCATION;
          case SCREENING_REMINDER -> SCREENING;
          case FOLLOW_UP_TASK -> FOLLOW_UP;
        };

    assertThat(RecommendationResources.isCommunication(recommendation))
        .isEqualTo(kind != Kind.FOLLOW_UP_TASK);
  }

  @ParameterizedTest
  @EnumSource(Status.class)
  void communicationRequests_areValidR4(Status status) {
    for (Recommendation recommendation : List.of(EDUCATION, SCREENING)) {
      assertValidR4(
          RecommendationResources.communicationRequest(issued(recommendation, status, "why")));
    }
  }

  @ParameterizedTest
  @EnumSource(Status.class)
  void tasks_areValidR4(Status status) {
    assertValidR4(RecommendationResources.task(issued(FOLLOW_UP, status, "why")));
  }

  private static void assertValidR4(DomainResource produced) {
    String json = FHIR.newJsonParser().encodeResourceToString(produced);
    Resource read;
    try {
      read = READER.read(json.getBytes(StandardCharsets.UTF_8), "application/fhir+json");
    } catch (InvalidFhirException e) {
      throw new AssertionError(
          produced.fhirType()
              + " is not valid R4: "
              + e.outcome().getIssue().stream().map(i -> i.getDiagnostics()).toList()
              + "\n"
              + json,
          e);
    }
    assertThat(read.fhirType()).isEqualTo(produced.fhirType());
    assertThat(read.getIdElement().getIdPart()).isEqualTo("rec-1");
  }

  private static IssuedRecommendation issued(
      Recommendation recommendation, Status status, String closeReason) {
    return new IssuedRecommendation(
        "rec-1",
        "p1",
        recommendation,
        "cocare-default@1",
        status,
        ISSUED,
        status == Status.OPEN ? null : ISSUED.plusSeconds(86_400),
        status == Status.OPEN ? null : closeReason,
        null);
  }

  private static String extension(DomainResource resource, String url) {
    assertThat(resource.getExtensionsByUrl(url)).as("extension %s", url).hasSize(1);
    return resource.getExtensionByUrl(url).getValue().primitiveValue();
  }
}
