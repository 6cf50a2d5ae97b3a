package org.cocare.engine.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.cocare.engine.deadletter.DeadLetter;
import org.cocare.engine.deadletter.DeadLetterStore;
import org.cocare.engine.evaluation.Evaluator;
import org.cocare.engine.intake.Intake;
import org.cocare.engine.intake.MessageStatus;
import org.cocare.engine.intake.MessageStore;
import org.cocare.engine.notify.Notification;
import org.cocare.engine.notify.NotificationPlanner;
import org.cocare.engine.notify.NotificationPolicy;
import org.cocare.engine.notify.NotificationStore;
import org.cocare.engine.notify.OptOutStore;
import org.cocare.engine.notify.Outreach;
import org.cocare.engine.outcome.OutcomeEvent;
import org.cocare.engine.outcome.OutcomeStore;
import org.cocare.engine.recommendation.RecommendationLifecycle;
import org.cocare.engine.recommendation.RecommendationStore;
import org.cocare.engine.record.PatientRecordStore;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.fhir.intake.FhirReader;
import org.cocare.fhir.outreach.Channel;
import org.cocare.fhir.server.ProcessingOutcome;
import org.cocare.fhir.server.Receipt;
import org.cocare.fhir.value.ParticipationQuestionnaire;
import org.cocare.fhir.value.Scale;
import org.cocare.rules.recommendation.IssuedRecommendation;
import org.cocare.rules.ruleset.RuleSet;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A message's whole way through the engine on a real database: stored raw, validated, applied to
 * the record, evaluated, reconciled; duplicates, later versions, deletes and failures included.
 */
abstract class ProcessingContract {
  static final FhirReader READER = new FhirReader(FhirContext.forR4Cached());
  static final RuleSet RULES = RuleSet.loadDefault();
  static final RuleEngine ENGINE = new RuleEngine(RULES);
  static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");
  static final String MARIA = "60717189-2e24-48b6-905a-aa1f416c0091";
  static final String MARIA_BUNDLE = "1ec5a21e-a949-49f9-8245-13a1fe0f6e6a";

  MessageStore messages;
  RecommendationStore recommendations;
  DeadLetterStore deadLetters;
  Intake intake;
  MessageProcessor processor;
  NotificationStore notifications;
  OutcomeStore outcomes;
  PatientRecordStore records;

  abstract DataSource newDatabase();

  @BeforeEach
  void setUp() {
    DataSource dataSource = newDatabase();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    TransactionTemplate transactions =
        new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    messages = new MessageStore(dataSource);
    recommendations = new RecommendationStore(dataSource);
    deadLetters = new DeadLetterStore(dataSource, messages, transactions, clock, meters);
    intake = new Intake(messages, READER, clock, meters);
    outcomes = new OutcomeStore(dataSource);
    RecommendationLifecycle lifecycle =
        new RecommendationLifecycle(recommendations, outcomes, ENGINE);
    notifications = new NotificationStore(dataSource);
    records = new PatientRecordStore(dataSource, READER.context());
    processor =
        new MessageProcessor(
            messages,
            READER,
            records,
            new Evaluator(ENGINE, clock, meters),
            lifecycle,
            new Outreach(
                new NotificationPlanner(NotificationPolicy.defaults(), clock, preferred -> "en"),
                notifications,
                recommendations,
                lifecycle,
                outcomes,
                new OptOutStore(dataSource),
                ZoneOffset.UTC),
            deadLetters,
            transactions,
            clock);
  }

  @Test
  void processedPatient_getsTheirNotificationsPlannedInTheSameTransaction_once()
      throws IOException {
    Receipt receipt =
        intake.receive(example("bundles/maria-diabetes.json"), "application/fhir+json", "test");
    processor.process(receipt.messageId());

    List<Notification> planned = notifications.due(NOW.plus(Duration.ofDays(1)), 100);
    assertThat(planned).isNotEmpty().allSatisfy(n -> assertThat(n.patientId()).isEqualTo(MARIA));
    assertThat(planned).extracting(Notification::channel).contains(Channel.PORTAL, Channel.EMAIL);
    assertThat(outcomes.timeline(MARIA))
        .extracting(e -> e.kind().code())
        .contains("issued", "planned");

    Receipt again =
        intake.receive(
            new String(example("bundles/maria-diabetes.json"), StandardCharsets.UTF_8)
                .replace("\"female\"", "\"other\"")
                .replace(MARIA_BUNDLE, "2f0c7a51-8d7e-4b1e-9c55-6f1b0d3e4a77")
                .getBytes(StandardCharsets.UTF_8),
            "application/fhir+json",
            "test");
    assertThat(again.status())
        .as(() -> READER.context().newJsonParser().encodeResourceToString(again.outcome()))
        .isEqualTo(Receipt.Status.ACCEPTED);
    processor.process(again.messageId());
    assertThat(notifications.due(NOW.plus(Duration.ofDays(1)), 100))
        .as("a later evaluation does not announce the same items again")
        .hasSameSizeAs(planned);
  }

  @Test
  void aDeathRecorded_cancelsWhatWasPlanned_andNothingMoreIsPlanned() throws IOException {
    processor.process(
        intake
            .receive(example("bundles/maria-diabetes.json"), "application/fhir+json", "test")
            .messageId());
    assertThat(notifications.due(NOW.plus(Duration.ofDays(1)), 100)).isNotEmpty();
    String death =
        """
        {"resourceType":"Bundle","type":"transaction","entry":[
          {"fullUrl":"urn:uuid:5b1f0c2e-6a3d-4f7e-8c9b-0d1e2f3a4b5c",
           "resource":{"resourceType":"Patient","id":"%s","gender":"female",
             "birthDate":"1968-03-01","deceasedDateTime":"2026-11-20"},
           "request":{"method":"PUT","url":"Patient/%s"}}]}
        """
            .formatted(MARIA, MARIA);

    Receipt receipt =
        intake.receive(death.getBytes(StandardCharsets.UTF_8), "application/fhir+json", "test");
    assertThat(receipt.status())
        .as(() -> READER.context().newJsonParser().encodeResourceToString(receipt.outcome()))
        .isEqualTo(Receipt.Status.ACCEPTED);
    processor.process(receipt.messageId());

    assertThat(notifications.due(NOW.plus(Duration.ofDays(30)), 100)).isEmpty();
    assertThat(outcomes.timeline(MARIA))
        .as("each item still open is recorded withheld because of the death")
        .filteredOn(e -> e.kind().code().equals("withheld"))
        .filteredOn(e -> NotificationPlanner.DECEASED.equals(e.detail()))
        .extracting(OutcomeEvent::recommendationId)
        .containsExactlyInAnyOrderElementsOf(
            recommendations.open(MARIA).stream().map(IssuedRecommendation::id).toList());
  }

  @Test
  void consentDenyingOutreach_withholdsRoutineNotices_andRecordsWhy() {
    String bundle =
        """
        {"resourceType":"Bundle","type":"transaction","entry":[
          {"fullUrl":"urn:uuid:7d0e9a4e-0d43-4c8e-9f0e-3f4f1c2b9a01",
           "resource":{"resourceType":"Patient","id":"p-consent","birthDate":"1968-03-01",
             "telecom":[{"system":"email","value":"x@example.org"}]},
           "request":{"method":"PUT","url":"Patient/p-consent"}},
          {"fullUrl":"urn:uuid:7d0e9a4e-0d43-4c8e-9f0e-3f4f1c2b9a02",
           "resource":{"resourceType":"Consent","id":"c-consent","status":"active",
             "policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTOUT"}]},
             "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
             "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
             "patient":{"reference":"Patient/p-consent"},"provision":{"type":"deny"}},
           "request":{"method":"PUT","url":"Consent/c-consent"}}]}
        """;
    Receipt receipt =
        intake.receive(bundle.getBytes(StandardCharsets.UTF_8), "application/fhir+json", "test");
    assertThat(receipt.status())
        .as(() -> READER.context().newJsonParser().encodeResourceToString(receipt.outcome()))
        .isEqualTo(Receipt.Status.ACCEPTED);
    processor.process(receipt.messageId());

    assertThat(recommendations.open("p-consent")).isNotEmpty();
    assertThat(notifications.due(NOW.plus(Duration.ofDays(1)), 100)).isEmpty();
    assertThat(outcomes.timeline("p-consent"))
        .filteredOn(e -> e.kind().code().equals("withheld"))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.detail()).startsWith("consent"));
  }

  @Test
  void exampleBundle_isStoredProcessedAndExplained() throws IOException {
    Receipt receipt =
        intake.receive(example("bundles/maria-diabetes.json"), "application/fhir+json", "test");

    assertThat(receipt.status()).isEqualTo(Receipt.Status.ACCEPTED);
    ProcessingOutcome outcome = processor.process(receipt.messageId());

    assertThat(outcome.status()).isEqualTo(ProcessingOutcome.Status.PROCESSED);
    assertThat(outcome.patients()).containsExactly(MARIA);
    assertThat(messages.find(receipt.messageId()).orElseThrow().status())
        .isEqualTo(MessageStatus.PROCESSED);
    assertThat(recommendations.open(MARIA))
        .extracting(r -> r.recommendation().code())
        .contains("education-diabetes-self-management", "screening-colorectal");
    assertThat(recommendations.open(MARIA))
        .allSatisfy(
            r -> {
              assertThat(r.ruleSetVersion()).isEqualTo("cocare-default@1");
              assertThat(r.recommendation().ruleId()).isNotBlank();
              assertThat(r.recommendation().reason()).isNotBlank();
              assertThat(r.recommendation().evidence()).isNotEmpty();
            });
  }

  @Test
  void sameBundleTwice_leavesExactlyOneSetOfRecommendations() throws IOException {
    byte[] body = example("bundles/maria-diabetes.json");
    processor.process(intake.receive(body, "application/fhir+json", "test").messageId());
    int issued = recommendations.forPatient(MARIA).size();

    Receipt again = intake.receive(body, "application/fhir+json", "test");

    assertThat(again.status()).isEqualTo(Receipt.Status.DUPLICATE);
    assertThat(processor.process(again.messageId()).status())
        .isEqualTo(ProcessingOutcome.Status.DUPLICATE);
    assertThat(issued).isPositive();
    assertThat(recommendations.forPatient(MARIA)).hasSize(issued);
    assertThat(messages.list(null, 10)).hasSize(1);
    assertThat(messages.list(null, 10).get(0).receiveCount()).isEqualTo(2);
  }

  @Test
  void sameBundleIdWithOtherContent_isKeptButNotApplied() throws IOException {
    String json = new String(example("bundles/maria-diabetes.json"), StandardCharsets.UTF_8);
    processor.process(
        intake.receive(json.getBytes(StandardCharsets.UTF_8), null, "test").messageId());

    int open = recommendations.open(MARIA).size();
    String changed = json.replace("\"1968-03-14\"", "\"1990-03-14\"");
    Receipt receipt = intake.receive(changed.getBytes(StandardCharsets.UTF_8), null, "test");

    assertThat(receipt.status()).isEqualTo(Receipt.Status.DUPLICATE);
    assertThat(messages.list(MessageStatus.DUPLICATE, 10)).hasSize(1);
    assertThat(recommendations.open(MARIA)).hasSize(open);
  }

  @Test
  void invalidContent_isStoredAsRejected_andChangesNoRecord() {
    byte[] body =
        "{\"resourceType\":\"Patient\",\"id\":\"bad_id\"}".getBytes(StandardCharsets.UTF_8);

    Receipt receipt = intake.receive(body, "application/fhir+json", "test");

    assertThat(receipt.status()).isEqualTo(Receipt.Status.REJECTED);
    assertThat(receipt.httpStatus()).isEqualTo(422);
    var stored = messages.find(receipt.messageId()).orElseThrow();
    assertThat(stored.status()).isEqualTo(MessageStatus.REJECTED);
    assertThat(stored.body()).isEqualTo(body);
    assertThat(stored.statusDetail()).contains("OperationOutcome").contains("Patient.id");
    assertThatThrownBy(() -> processor.process(receipt.messageId()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void resolvedDiagnosis_closesTheEducation_deleteClosesToo() throws IOException {
    String json = new String(example("bundles/maria-diabetes.json"), StandardCharsets.UTF_8);
    processor.process(
        intake.receive(json.getBytes(StandardCharsets.UTF_8), null, "test").messageId());

    String resolved =
        """
        {"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:cc88827a-f602-4597-8472-8ea226a5ca58",
         "resource":{"resourceType":"Condition","id":"cc88827a-f602-4597-8472-8ea226a5ca58","meta":{"versionId":"2"},
          "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"resolved"}]},
          "code":{"coding":[{"system":"http://snomed.info/sct","code":"44054006"}]},
          "subject":{"reference":"Patient/%s"}},
         "request":{"method":"PUT","url":"Condition/cc88827a-f602-4597-8472-8ea226a5ca58"}}]}
        """
            .formatted(MARIA);
    ProcessingOutcome outcome =
        processor.process(
            intake.receive(resolved.getBytes(StandardCharsets.UTF_8), null, "test").messageId());

    List<String> diabetesEducation =
        List.of(
            "education-diabetes-self-management",
            "education-diabetes-diet",
            "education-diabetes-foot-care",
            "education-diabetes-glucose-monitoring");
    assertThat(outcome.recommendationsClosed()).isEqualTo(diabetesEducation.size());
    assertThat(recommendations.open(MARIA))
        .extracting(r -> r.recommendation().code())
        .contains("screening-colorectal", "education-colorectal-screening-decision-aid")
        .doesNotContainAnyElementsOf(diabetesEducation);
    IssuedRecommendation closed =
        recommendations.forPatient(MARIA).stream()
            .filter(r -> r.status() == IssuedRecommendation.Status.CLOSED)
            .findFirst()
            .orElseThrow();
    assertThat(closed.closeReason()).contains("No longer recommended");

    String delete =
        """
        {"resourceType":"Bundle","type":"transaction","entry":[{"request":{"method":"DELETE","url":"Patient/%s"}}]}
        """
            .formatted(MARIA);
    processor.process(
        intake.receive(delete.getBytes(StandardCharsets.UTF_8), null, "test").messageId());
    assertThat(recommendations.open(MARIA)).isEmpty();
  }

  @Test
  void deletedPatient_closesEverything_evenWithConditionsLeft() throws IOException {
    processor.process(
        intake.receive(example("bundles/maria-diabetes.json"), null, "test").messageId());
    int open = recommendations.open(MARIA).size();
    String delete =
        """
        {"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"DELETE","url":"Patient/%s"}}]}
        """
            .formatted(MARIA);

    ProcessingOutcome outcome =
        processor.process(
            intake.receive(delete.getBytes(StandardCharsets.UTF_8), null, "test").messageId());

    assertThat(outcome.recommendationsClosed()).isEqualTo(open);
    assertThat(recommendations.open(MARIA)).isEmpty();
  }

  @Test
  void educationGivenRecently_isNotGivenAgain_whenTheDiagnosisComesBack() throws IOException {
    processor.process(
        intake.receive(example("bundles/maria-diabetes.json"), null, "test").messageId());
    String condition =
        """
        {"resourceType":"Condition","id":"cc88827a-f602-4597-8472-8ea226a5ca58","meta":{"versionId":"%d"},
         "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"%s"}]},
         "code":{"coding":[{"system":"http://snomed.info/sct","code":"44054006"}]},
         "subject":{"reference":"Patient/%s"}}
        """;
    processor.process(
        intake
            .receive(
                condition.formatted(2, "resolved", MARIA).getBytes(StandardCharsets.UTF_8),
                null,
                "test")
            .messageId());
    ProcessingOutcome again =
        processor.process(
            intake
                .receive(
                    condition.formatted(3, "recurrence", MARIA).getBytes(StandardCharsets.UTF_8),
                    null,
                    "test")
                .messageId());

    assertThat(again.recommendationsIssued()).isZero();
    assertThat(
            recommendations.forPatient(MARIA).stream()
                .filter(
                    r -> r.recommendation().code().equals("education-diabetes-self-management")))
        .hasSize(1);
  }

  @Test
  void colonoscopyArriving_completesTheReminderWithItsEvidence() throws IOException {
    processor.process(
        intake.receive(example("bundles/maria-diabetes.json"), null, "test").messageId());
    String colonoscopy =
        """
        {"resourceType":"Procedure","id":"colo-1","status":"completed",
         "code":{"coding":[{"system":"http://snomed.info/sct","code":"73761001"}]},
         "subject":{"reference":"Patient/%s"},"performedDateTime":"2026-11-20"}
        """
            .formatted(MARIA);

    processor.process(
        intake.receive(colonoscopy.getBytes(StandardCharsets.UTF_8), null, "test").messageId());

    IssuedRecommendation screening =
        recommendations.forPatient(MARIA).stream()
            .filter(r -> r.recommendation().code().equals("screening-colorectal"))
            .findFirst()
            .orElseThrow();
    assertThat(screening.status()).isEqualTo(IssuedRecommendation.Status.COMPLETED);
    assertThat(screening.closeEvidence()).isEqualTo("Procedure/colo-1");
  }

  @Test
  void failedMessage_isProcessedOnReplay_andItsDeadLetterResolved() throws IOException {
    Receipt receipt = intake.receive(example("bundles/maria-diabetes.json"), null, "test");
    String deadLetter =
        deadLetters.record(receipt.messageId(), new IllegalStateException("evaluation down"));
    assertThat(messages.find(receipt.messageId()).orElseThrow().status())
        .isEqualTo(MessageStatus.FAILED);

    ProcessingOutcome replayed = processor.process(receipt.messageId());

    assertThat(replayed.status()).isEqualTo(ProcessingOutcome.Status.PROCESSED);
    assertThat(deadLetters.find(deadLetter).orElseThrow().status())
        .isEqualTo(DeadLetter.Status.REPLAYED);
    assertThat(recommendations.open(MARIA))
        .extracting(r -> r.recommendation().code())
        .contains("education-diabetes-self-management", "screening-colorectal");
  }

  @Test
  void participationResponse_landsInItsSubjectsRecord_andChangesNoRecommendation()
      throws IOException {
    processor.process(
        intake.receive(example("bundles/maria-diabetes.json"), null, "test").messageId());
    List<String> open =
        recommendations.open(MARIA).stream().map(IssuedRecommendation::id).sorted().toList();
    ParticipationQuestionnaire participation = new ParticipationQuestionnaire(READER.context());
    Map<String, Integer> answers = new LinkedHashMap<>();
    for (Scale scale : Scale.values()) {
      scale.items().forEach(linkId -> answers.put(linkId, 6));
    }
    byte[] body =
        READER
            .context()
            .newJsonParser()
            .encodeResourceToString(participation.response(MARIA, answers, NOW))
            .getBytes(StandardCharsets.UTF_8);

    Receipt receipt = intake.receive(body, "application/fhir+json", "portal");
    assertThat(receipt.status())
        .as(() -> READER.context().newJsonParser().encodeResourceToString(receipt.outcome()))
        .isEqualTo(Receipt.Status.ACCEPTED);
    ProcessingOutcome outcome = processor.process(receipt.messageId());

    assertThat(outcome.status()).isEqualTo(ProcessingOutcome.Status.PROCESSED);
    assertThat(outcome.patients()).containsExactly(MARIA);
    assertThat(records.load(MARIA))
        .filteredOn(QuestionnaireResponse.class::isInstance)
        .singleElement()
        .satisfies(
            stored ->
                assertThat(participation.answers((QuestionnaireResponse) stored).items())
                    .isEqualTo(answers));
    assertThat(recommendations.open(MARIA).stream().map(IssuedRecommendation::id).sorted())
        .containsExactlyElementsOf(open);
  }

  @Test
  void resourcesArrivingOneByOne_areEvaluatedAsOneRecord() throws IOException {
    Path dir = examples().resolve("patient-dir");
    List<Path> files;
    try (var list = Files.list(dir)) {
      files = list.sorted().toList();
    }
    for (Path file : files) {
      processor.process(intake.receive(Files.readAllBytes(file), null, "test").messageId());
    }

    assertThat(recommendations.open("73893029-6944-4eb8-a0d5-9e34791231fa"))
        .extracting(r -> r.recommendation().code())
        .contains("education-diabetes-self-management")
        .doesNotContain("screening-colorectal");
  }

  static Path examples() {
    return Path.of(System.getProperty("cocare.examples.dir", "../examples"));
  }

  static byte[] example(String name) throws IOException {
    return Files.readAllBytes(examples().resolve(name));
  }
}
