package org.cocare.engine.value;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.cocare.engine.notify.Notification;
import org.cocare.engine.notify.NotificationStore;
import org.cocare.engine.outcome.OutcomeEvent;
import org.cocare.engine.outcome.OutcomeKind;
import org.cocare.engine.outcome.OutcomeStore;
import org.cocare.engine.recommendation.RecommendationStore;
import org.cocare.engine.record.PatientRecordStore;
import org.cocare.fhir.facts.ResourceChange;
import org.cocare.fhir.outreach.Channel;
import org.cocare.fhir.value.PatientTraits;
import org.cocare.rules.recommendation.IssuedRecommendation;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Priority;
import org.cocare.rules.recommendation.Recommendation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a generated cohort ({@link SyntheticCohort}) into the stores as if Cocare had lived
 * through it: each patient's FHIR record (Patient, their newest Encounter, an education
 * Observation), each recommendation with its outcome events and the notification that announced it.
 * For demonstrations and for tests of everything that reads the stores: what is read back must be
 * what was generated. Never point it at a hospital's database.
 */
public final class SyntheticRecords {
  static final String RULE_SET_VERSION = "synthetic@1";
  private static final String SYSTEM = "https://cocare.org/fhir/CodeSystem/synthetic";

  private final DataSource dataSource;
  private final PatientRecordStore records;
  private final RecommendationStore recommendations;
  private final OutcomeStore outcomes;
  private final NotificationStore notifications;

  public SyntheticRecords(DataSource dataSource, FhirContext context) {
    this.dataSource = dataSource;
    this.records = new PatientRecordStore(dataSource, context);
    this.recommendations = new RecommendationStore(dataSource);
    this.outcomes = new OutcomeStore(dataSource);
    this.notifications = new NotificationStore(dataSource);
  }

  /**
   * Writes the patients' records and their recommendations, in one transaction. {@code asOf} is the
   * analysis date the cohort was generated for: a recommendation followed for less time than it has
   * been open was closed (expired) then.
   */
  public void write(
      Collection<PatientTraits> patients,
      List<FollowedRecommendation> followed,
      List<Resource> extraResources,
      Instant asOf) {
    new TransactionTemplate(new DataSourceTransactionManager(dataSource))
        .executeWithoutResult(
            status -> {
              List<ResourceChange> changes = new ArrayList<>();
              patients.forEach(p -> changes.addAll(record(p, asOf)));
              extraResources.forEach(r -> changes.add(upsert(r, patientOf(r))));
              records.apply(changes, null, asOf);
              followed.forEach(f -> write(f, asOf));
            });
  }

  private void write(FollowedRecommendation f, Instant asOf) {
    Instant issued = f.issuedAt();
    Instant observedUntil = issued.plus(Duration.ofDays(f.daysObserved()));
    IssuedRecommendation.Status status;
    Instant closedAt = null;
    if (f.completed()) {
      status = IssuedRecommendation.Status.COMPLETED;
      // Within its last day begun, as the generator counts days to completion.
      closedAt = issued.plus(Duration.ofDays(f.daysToComplete()).minusHours(1));
      if (closedAt.isBefore(issued)) {
        closedAt = issued;
      }
    } else if (Duration.between(issued, asOf).toDays() > f.daysObserved()) {
      status = IssuedRecommendation.Status.CLOSED;
      closedAt = observedUntil.plus(Duration.ofHours(1));
    } else {
      status = IssuedRecommendation.Status.OPEN;
    }
    IssuedRecommendation issuedRecommendation =
        new IssuedRecommendation(
            f.recommendationId(),
            f.patientId(),
            recommendation(f),
            RULE_SET_VERSION,
            status,
            issued,
            closedAt,
            status == IssuedRecommendation.Status.OPEN ? null : "synthetic",
            f.completed() ? evidence(f) : null);
    recommendations.insert(issuedRecommendation);
    if (closedAt != null) {
      recommendations.close(
          f.recommendationId(),
          status,
          closedAt,
          issuedRecommendation.closeReason(),
          issuedRecommendation.closeEvidence());
    }
    outcomes.append(event(issuedRecommendation, OutcomeKind.ISSUED, issued));
    if (f.heldOut()) {
      outcomes.append(event(issuedRecommendation, OutcomeKind.HELD_OUT, issued));
    }
    int minute = 1;
    for (Stage stage : List.of(Stage.SENT, Stage.DELIVERED, Stage.OPENED, Stage.ACKNOWLEDGED)) {
      if (f.reached().contains(stage)) {
        outcomes.append(
            event(
                issuedRecommendation,
                OutcomeKind.fromCode(stage.code()),
                issued.plus(Duration.ofMinutes(minute++))));
      }
    }
    if (f.completed()) {
      outcomes.append(
          OutcomeEvent.of(
              issuedRecommendation,
              OutcomeKind.COMPLETED,
              closedAt,
              evidence(f),
              (int) Duration.between(issued, closedAt).toDays(),
              null));
    } else if (status == IssuedRecommendation.Status.CLOSED) {
      outcomes.append(event(issuedRecommendation, OutcomeKind.EXPIRED, closedAt));
    }
    if (f.channel() != null) {
      notifications.insert(
          new Notification(
              UUID.nameUUIDFromBytes(
                      ("notification/" + f.recommendationId()).getBytes(StandardCharsets.UTF_8))
                  .toString(),
              f.patientId(),
              Channel.valueOf(f.channel().toUpperCase(java.util.Locale.ROOT)),
              "synthetic",
              f.language() == null ? "en" : f.language(),
              false,
              List.of(f.recommendationId()),
              Notification.Status.SENT,
              issued,
              1,
              issued,
              null,
              issued,
              issued.plus(Duration.ofMinutes(1))));
    }
  }

  private static OutcomeEvent event(IssuedRecommendation issued, OutcomeKind kind, Instant at) {
    return OutcomeEvent.of(issued, kind, at, null, null, null);
  }

  private static String evidence(FollowedRecommendation f) {
    return "Procedure/synthetic-" + f.recommendationId();
  }

  private static Recommendation recommendation(FollowedRecommendation f) {
    LocalDate due = LocalDate.ofInstant(f.issuedAt(), ZoneOffset.UTC).plusDays(30);
    return new Recommendation(
        f.code(),
        f.kind(),
        f.measure(),
        f.measure() == null ? "synthetic" : null,
        f.ruleId(),
        "synthetic cohort",
        List.of("Patient/" + f.patientId()),
        due,
        Priority.ROUTINE,
        f.kind() == Kind.EDUCATION ? f.code() : null,
        null);
  }

  /** The patient's record, stating exactly the traits given (and nothing for a null trait). */
  static List<ResourceChange> record(PatientTraits traits, Instant asOf) {
    String id = traits.patientId();
    List<ResourceChange> changes = new ArrayList<>();
    Patient patient = new Patient();
    patient.setId(id);
    if (traits.gender() != null) {
      patient.setGender(AdministrativeGender.fromCode(traits.gender()));
    }
    if (traits.age() != null) {
      LocalDate today = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
      patient.setBirthDate(date(today.minusYears(traits.age()).minusDays(100)));
    }
    changes.add(upsert(patient, id));
    if (traits.visitReason() != null || traits.department() != null) {
      Encounter encounter = new Encounter();
      encounter.setId(id + "-visit");
      encounter.setStatus(Encounter.EncounterStatus.FINISHED);
      encounter.setSubject(new Reference("Patient/" + id));
      encounter.setPeriod(new Period().setStart(Date.from(asOf.minus(Duration.ofDays(40)))));
      if (traits.visitReason() != null) {
        encounter.addReasonCode(concept(traits.visitReason()));
      }
      if (traits.department() != null) {
        encounter.setServiceType(concept(traits.department()));
      }
      changes.add(upsert(encounter, id));
    }
    if (traits.education() != null) {
      Observation education = new Observation();
      education.setId(id + "-education");
      education.setStatus(Observation.ObservationStatus.FINAL);
      education.setCode(
          new CodeableConcept().addCoding(new Coding("http://loinc.org", "82589-3", null)));
      education.setSubject(new Reference("Patient/" + id));
      education.setEffective(new org.hl7.fhir.r4.model.DateTimeType(Date.from(asOf)));
      education.setValue(concept(traits.education()));
      changes.add(upsert(education, id));
    }
    return changes;
  }

  private static CodeableConcept concept(String code) {
    return new CodeableConcept().addCoding(new Coding(SYSTEM, code, null));
  }

  private static Date date(LocalDate date) {
    return Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  private static ResourceChange upsert(Resource resource, String patientId) {
    return new ResourceChange(
        ResourceChange.Action.UPSERT,
        resource.fhirType(),
        resource.getIdElement().getIdPart(),
        patientId,
        resource);
  }

  private static String patientOf(Resource resource) {
    if (resource instanceof org.hl7.fhir.r4.model.QuestionnaireResponse response) {
      return response.getSubject().getReferenceElement().getIdPart();
    }
    throw new IllegalArgumentException(
        "synthetic records add only QuestionnaireResponses, not " + resource.fhirType());
  }
}
