package org.cocare.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.cocare.engine.deadletter.DeadLetter;
import org.cocare.engine.deadletter.DeadLetterStore;
import org.cocare.engine.evaluation.Evaluation;
import org.cocare.engine.intake.MessageStatus;
import org.cocare.engine.intake.MessageStore;
import org.cocare.engine.intake.StoredMessage;
import org.cocare.engine.notify.Notification;
import org.cocare.engine.notify.NotificationPlanner;
import org.cocare.engine.notify.NotificationStore;
import org.cocare.engine.outcome.OutcomeStore;
import org.cocare.engine.recommendation.RecommendationLifecycle;
import org.cocare.engine.recommendation.RecommendationStore;
import org.cocare.engine.record.PatientRecordStore;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.fhir.facts.ResourceChange;
import org.cocare.fhir.outreach.Channel;
import org.cocare.rules.model.GapClosed;
import org.cocare.rules.recommendation.IssuedRecommendation;
import org.cocare.rules.recommendation.Recommendation;
import org.cocare.rules.ruleset.RuleSet;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stores' behaviour, run against each database Cocare supports (one subclass per database), so
 * the SQL is proven portable rather than assumed.
 */
abstract class StoreContract {
  static final FhirContext FHIR = FhirContext.forR4Cached();
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final RuleEngine RULES = new RuleEngine(RuleSet.loadDefault());

  DataSource dataSource;
  MessageStore messages;
  PatientRecordStore records;
  RecommendationStore recommendations;
  DeadLetterStore deadLetters;
  NotificationStore notifications;
  TransactionTemplate transactions;

  abstract DataSource newDatabase();

  @BeforeEach
  void setUp() {
    dataSource = newDatabase();
    messages = new MessageStore(dataSource);
    records = new PatientRecordStore(dataSource, FHIR);
    recommendations = new RecommendationStore(dataSource);
    notifications = new NotificationStore(dataSource);
    transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    deadLetters =
        new DeadLetterStore(
            dataSource,
            messages,
            transactions,
            Clock.fixed(T0, ZoneOffset.UTC),
            new SimpleMeterRegistry());
  }

  static Notification notification(
      String id, Channel channel, Instant notBefore, String... recommendationIds) {
    return Notification.planned(
        id,
        "li",
        new NotificationPlanner.Message(
            channel,
            channel == Channel.PORTAL ? "li" : "li@example.org",
            "zh-CN",
            List.of(recommendationIds),
            notBefore,
            false),
        T0);
  }

  @Test
  void plannedNotification_isDueFromItsTime_withItsItems_earliestFirst_upToTheLimit() {
    notifications.insert(notification("n2", Channel.EMAIL, T0.plusSeconds(60), "r1", "r2"));
    notifications.insert(notification("n1", Channel.PORTAL, T0, "r1"));
    notifications.insert(notification("n3", Channel.EMAIL, T0.plusSeconds(3600), "r3"));

    assertThat(notifications.due(T0.plusSeconds(60), 10))
        .extracting(Notification::id)
        .containsExactly("n1", "n2");
    assertThat(notifications.due(T0.plusSeconds(60), 1))
        .extracting(Notification::id)
        .containsExactly("n1");
    Notification stored = notifications.find("n2").orElseThrow();
    assertThat(stored.recommendationIds()).containsExactly("r1", "r2");
    assertThat(stored.language()).isEqualTo("zh-CN");
    assertThat(stored.status()).isEqualTo(Notification.Status.PLANNED);
    assertThat(stored.sentAt()).isNull();
  }

  @Test
  void notificationsRead_togetherCarryEachItsOwnItems() {
    notifications.insert(notification("n1", Channel.EMAIL, T0, "r2", "r1"));
    notifications.insert(notification("n2", Channel.PORTAL, T0, "r3"));
    notifications.insert(notification("n3", Channel.SMS, T0.plusSeconds(1), "r1", "r4", "r3"));
    notifications.markSent("n2", T0);
    notifications.markSent("n3", T0.plusSeconds(2));

    assertThat(notifications.due(T0, 10))
        .extracting(Notification::id, Notification::recommendationIds)
        .containsExactly(tuple("n1", List.of("r1", "r2")));
    assertThat(notifications.sent("li"))
        .extracting(Notification::id, Notification::recommendationIds)
        .containsExactly(tuple("n3", List.of("r1", "r3", "r4")), tuple("n2", List.of("r3")));
    assertThat(notifications.cancelPlanned("li", "opted out"))
        .extracting(Notification::id, Notification::recommendationIds)
        .containsExactly(tuple("n1", List.of("r1", "r2")));
  }

  @Test
  void cancelPlanned_keepsUrgentOnes_unlessAskedToCancelThemToo() {
    notifications.insert(notification("n1", Channel.EMAIL, T0, "r1"));
    notifications.insert(
        Notification.planned(
            "n2",
            "li",
            new NotificationPlanner.Message(
                Channel.SMS, "+8613800000000", "zh-CN", List.of("r2"), T0, true),
            T0));

    assertThat(notifications.cancelPlanned("li", "opted out"))
        .extracting(Notification::id)
        .containsExactly("n1");
    assertThat(notifications.cancelPlanned("li", "died", true))
        .extracting(Notification::id)
        .containsExactly("n2");
    assertThat(notifications.due(T0, 10)).isEmpty();
  }

  @Test
  void messageNamingSeveralResources_isCheckedAgainstWhatIsStoredForEach() {
    Condition first = condition("c1", "p1");
    records.apply(List.of(upsert(patient("p1", "2", "1980-01-01")), upsert(first)), "m1", T0);
    Condition again = condition("c1", "p1");
    Condition second = condition("c2", "p1");

    Set<String> affected =
        records.apply(
            List.of(
                upsert(patient("p1", "1", "1990-01-01")),
                upsert(again),
                upsert(second),
                upsert(patient("p2", "1", null)),
                upsert(patient("p2", "1", "2000-01-01"))),
            "m2",
            T0);

    assertThat(affected).containsExactly("p1", "p2");
    assertThat(records.load("p1"))
        .extracting(r -> r.fhirType() + "/" + r.getIdElement().getIdPart())
        .containsExactly("Condition/c1", "Condition/c2", "Patient/p1");
    assertThat(((Patient) records.load("p1").get(2)).getBirthDateElement().getValueAsString())
        .isEqualTo("1980-01-01");
    // The second p2 has the version the first just stored: a no-op, as if read again.
    assertThat(((Patient) records.load("p2").get(0)).getBirthDateElement().getValueAsString())
        .isEqualTo("1970-01-01");
  }

  @Test
  void notification_claimedByOneDeliverer_isNotDueToAnotherUntilItsLeaseEnds() {
    notifications.insert(notification("n1", Channel.SMS, T0, "r1"));

    assertThat(notifications.claim("n1", T0, T0.plusSeconds(120))).isTrue();
    assertThat(notifications.claim("n1", T0.plusSeconds(1), T0.plusSeconds(121)))
        .as("a second deliverer during the lease")
        .isFalse();
    assertThat(notifications.due(T0.plusSeconds(119), 10)).isEmpty();

    assertThat(notifications.due(T0.plusSeconds(120), 10))
        .extracting(Notification::id)
        .as("the first deliverer died: due again, same id")
        .containsExactly("n1");
    assertThat(notifications.claim("n1", T0.plusSeconds(120), T0.plusSeconds(240))).isTrue();
  }

  @Test
  void notification_cancelled_isNeitherDueNorSentNorAnnounced() {
    notifications.insert(notification("n1", Channel.EMAIL, T0, "r1"));

    assertThat(notifications.cancel("n1", "nothing left to announce")).isTrue();

    assertThat(notifications.cancel("n1", "again")).isFalse();
    assertThat(notifications.due(T0.plusSeconds(3600), 10)).isEmpty();
    assertThat(notifications.lastAnnounced("li")).isEmpty();
    Notification cancelled = notifications.find("n1").orElseThrow();
    assertThat(cancelled.status()).isEqualTo(Notification.Status.CANCELLED);
    assertThat(cancelled.lastError()).isEqualTo("nothing left to announce");
  }

  @Test
  void notification_cancelledWhileOnItsWay_isRecordedSent_becauseItWas() {
    notifications.insert(notification("n1", Channel.EMAIL, T0, "r1"));
    assertThat(notifications.claim("n1", T0, T0.plusSeconds(120))).isTrue();
    notifications.cancel("n1", "patient opted out");

    assertThat(notifications.markSent("n1", T0.plusSeconds(5))).isTrue();

    assertThat(notifications.find("n1").orElseThrow().status()).isEqualTo(Notification.Status.SENT);
    assertThat(notifications.markSent("n1", T0.plusSeconds(6))).as("only once").isFalse();
  }

  @Test
  void sentNotifications_areListedPerPatient_latestFirst() {
    notifications.insert(notification("n1", Channel.EMAIL, T0, "r1"));
    notifications.insert(notification("n2", Channel.PORTAL, T0, "r1"));
    notifications.insert(notification("n3", Channel.SMS, T0, "r2"));
    notifications.markSent("n1", T0.plusSeconds(5));
    notifications.markSent("n2", T0.plusSeconds(9));

    assertThat(notifications.sent("li")).extracting(Notification::id).containsExactly("n2", "n1");
    assertThat(notifications.sent("someone-else")).isEmpty();
  }

  @Test
  void notification_isMarkedSentOnce_andThenNeverDueAgain() {
    notifications.insert(notification("n1", Channel.EMAIL, T0, "r1"));

    assertThat(notifications.markSent("n1", T0.plusSeconds(5))).isTrue();
    assertThat(notifications.markSent("n1", T0.plusSeconds(6))).as("a second sender").isFalse();

    Notification sent = notifications.find("n1").orElseThrow();
    assertThat(sent.status()).isEqualTo(Notification.Status.SENT);
    assertThat(sent.sentAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(sent.attempts()).isEqualTo(1);
    assertThat(notifications.due(T0.plusSeconds(3600), 10)).isEmpty();
  }

  @Test
  void failedAttempt_waitsForItsRetry_andAPermanentFailureIsNeverRetried() {
    notifications.insert(notification("n1", Channel.SMS, T0, "r1"));
    notifications.insert(notification("n2", Channel.SMS, T0, "r2"));

    notifications.retryLater("n1", "gateway answered 503", T0.plusSeconds(30));
    notifications.markFailed("n2", "gateway answered 400: number unknown");

    assertThat(notifications.due(T0.plusSeconds(29), 10)).isEmpty();
    assertThat(notifications.due(T0.plusSeconds(30), 10))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.id()).isEqualTo("n1");
              assertThat(n.attempts()).isEqualTo(1);
              assertThat(n.lastError()).isEqualTo("gateway answered 503");
            });
    assertThat(notifications.find("n2").orElseThrow().status())
        .isEqualTo(Notification.Status.FAILED);
    assertThat(notifications.markSent("n2", T0.plusSeconds(40))).isFalse();
  }

  @Test
  void announcedItems_countOncePerRecommendation_whateverTheChannels_andNotWhenFailed() {
    notifications.insert(notification("n1", Channel.EMAIL, T0, "r1", "r2"));
    notifications.insert(notification("n2", Channel.PORTAL, T0, "r1", "r2"));
    notifications.insert(notification("n3", Channel.EMAIL, T0.plusSeconds(86_400), "r1"));
    notifications.insert(notification("n4", Channel.EMAIL, T0, "r9"));
    notifications.markFailed("n4", "mailbox does not exist");

    assertThat(notifications.itemsAnnouncedSince("li", T0)).isEqualTo(2);
    assertThat(notifications.itemsAnnouncedSince("li", T0.plusSeconds(1))).isEqualTo(1);
    assertThat(notifications.lastAnnounced("li"))
        .containsOnly(entry("r1", T0.plusSeconds(86_400)), entry("r2", T0));
  }

  @Test
  void storedMessage_keepsItsBytesAndMetadata() {
    byte[] body =
        "{\"resourceType\":\"Patient\",\"name\":[{\"text\":\"李雷\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    messages.insert("m1", T0, "http POST /fhir", "application/fhir+json", "hash-1", body);

    StoredMessage stored = messages.find("m1").orElseThrow();
    assertThat(stored.body()).isEqualTo(body);
    assertThat(stored.receivedAt()).isEqualTo(T0);
    assertThat(stored.source()).isEqualTo("http POST /fhir");
    assertThat(stored.status()).isEqualTo(MessageStatus.RECEIVED);
    assertThat(stored.receiveCount()).isEqualTo(1);
    assertThat(messages.findByHash("hash-1")).map(StoredMessage::id).contains("m1");
  }

  @Test
  void sameContentHashTwice_isRefusedByTheDatabase() {
    messages.insert("m1", T0, "file a.json", null, "same", new byte[] {1});

    assertThatThrownBy(() -> messages.insert("m2", T0, "file b.json", null, "same", new byte[] {1}))
        .isInstanceOf(DuplicateKeyException.class);
  }

  @Test
  void touch_countsReceiptsWithoutAddingRows() {
    messages.insert("m1", T0, "file a.json", null, "h", new byte[] {1});
    messages.touch("m1", T0.plusSeconds(60));

    StoredMessage stored = messages.find("m1").orElseThrow();
    assertThat(stored.receiveCount()).isEqualTo(2);
    assertThat(stored.lastReceivedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(messages.list(null, 10)).hasSize(1);
  }

  @Test
  void listByStatus_showsOnlyThatStatusNewestFirst_andNoBodies() {
    messages.insert("old", T0, "s", null, "h1", new byte[] {1});
    messages.insert("new", T0.plusSeconds(5), "s", null, "h2", new byte[] {2});
    messages.insert("ok", T0.plusSeconds(9), "s", null, "h3", new byte[] {3});
    messages.markRejected("old", "{}");
    messages.markRejected("new", "{}");
    messages.markProcessed("ok", T0.plusSeconds(10));

    List<StoredMessage> rejected = messages.list(MessageStatus.REJECTED, 10);
    assertThat(rejected).extracting(StoredMessage::id).containsExactly("new", "old");
    assertThat(rejected).allSatisfy(m -> assertThat(m.body()).isNull());
  }

  @Test
  void businessKey_findsOnlyTakenMessages() {
    messages.insert("a", T0, "s", null, "h1", new byte[] {1});
    messages.setBusinessKey("a", "Bundle/b1");
    messages.insert("b", T0.plusSeconds(1), "s", null, "h2", new byte[] {2});

    assertThat(messages.findTakenByBusinessKey("Bundle/b1", "b"))
        .map(StoredMessage::id)
        .contains("a");
    messages.markRejected("a", "{}");
    assertThat(messages.findTakenByBusinessKey("Bundle/b1", "b")).isEmpty();
  }

  @Test
  void newResource_isStoredAndLoadedBack() {
    Set<String> affected = records.apply(List.of(upsert(patient("p1", "1", null))), "m1", T0);

    assertThat(affected).containsExactly("p1");
    List<Resource> record = records.load("p1");
    assertThat(record).hasSize(1);
    assertThat(((Patient) record.get(0)).getBirthDateElement().getValueAsString())
        .isEqualTo("1970-01-01");
  }

  @Test
  void olderVersion_neverOverwritesNewer() {
    records.apply(List.of(upsert(patient("p1", "3", "1980-01-01"))), "m1", T0);

    Set<String> affected =
        records.apply(List.of(upsert(patient("p1", "2", "1990-01-01"))), "m2", T0);

    assertThat(affected).isEmpty();
    assertThat(((Patient) records.load("p1").get(0)).getBirthDateElement().getValueAsString())
        .isEqualTo("1980-01-01");
  }

  @Test
  void sameVersion_isANoOp_newerVersionReplaces() {
    records.apply(List.of(upsert(patient("p1", "1", "1980-01-01"))), "m1", T0);

    assertThat(records.apply(List.of(upsert(patient("p1", "1", "1981-01-01"))), "m2", T0))
        .isEmpty();
    assertThat(records.apply(List.of(upsert(patient("p1", "2", "1982-01-01"))), "m3", T0))
        .containsExactly("p1");
    assertThat(((Patient) records.load("p1").get(0)).getBirthDateElement().getValueAsString())
        .isEqualTo("1982-01-01");
  }

  @Test
  void withoutVersionIds_lastUpdatedDecides() {
    Patient newer = patient("p1", null, "1980-01-01");
    newer.getMeta().setLastUpdated(java.util.Date.from(T0));
    Patient older = patient("p1", null, "1990-01-01");
    older.getMeta().setLastUpdated(java.util.Date.from(T0.minusSeconds(3600)));
    records.apply(List.of(upsert(newer)), "m1", T0);

    assertThat(records.apply(List.of(upsert(older)), "m2", T0)).isEmpty();
  }

  @Test
  void delete_removesTheResourceAndReportsItsPatient() {
    Condition condition = new Condition();
    condition.setId("Condition/c1");
    condition.setSubject(new Reference("Patient/p1"));
    records.apply(List.of(upsert(patient("p1", "1", null)), upsert(condition)), "m1", T0);

    Set<String> affected =
        records.apply(
            List.of(
                new ResourceChange(ResourceChange.Action.DELETE, "Condition", "c1", null, null)),
            "m2",
            T0);

    assertThat(affected).containsExactly("p1");
    assertThat(records.load("p1")).extracting(Resource::fhirType).containsExactly("Patient");
  }

  @Test
  void lifecycle_issuesNewLeavesUnchangedAndClosesWithReason() {
    RecommendationLifecycle lifecycle =
        new RecommendationLifecycle(recommendations, new OutcomeStore(dataSource), RULES);
    Recommendation screening = screening("screening-colorectal");
    Recommendation education = education();
    LocalDate asOf = LocalDate.of(2026, 3, 1);

    assertThat(lifecycle.reconcile(evaluation(asOf, List.of(screening, education), List.of()), T0))
        .isEqualTo(new RecommendationLifecycle.Changes(2, 0));
    assertThat(lifecycle.reconcile(evaluation(asOf, List.of(screening, education), List.of()), T0))
        .isEqualTo(new RecommendationLifecycle.Changes(0, 0));
    assertThat(recommendations.forPatient("p1")).hasSize(2);

    RecommendationLifecycle.Changes changes =
        lifecycle.reconcile(
            evaluation(
                asOf,
                List.of(),
                List.of(new GapClosed("screening-colorectal", "Procedure/colonoscopy-1"))),
            T0.plusSeconds(60));

    assertThat(changes).isEqualTo(new RecommendationLifecycle.Changes(0, 2));
    assertThat(recommendations.open("p1")).isEmpty();
    IssuedRecommendation completed = byCode("screening-colorectal");
    assertThat(completed.status()).isEqualTo(IssuedRecommendation.Status.COMPLETED);
    assertThat(completed.closeEvidence()).isEqualTo("Procedure/colonoscopy-1");
    assertThat(completed.closedAt()).isEqualTo(T0.plusSeconds(60));
    IssuedRecommendation closed = byCode("education-diabetes");
    assertThat(closed.status()).isEqualTo(IssuedRecommendation.Status.CLOSED);
    assertThat(closed.closeReason()).contains("No longer recommended").contains("cocare-default@1");
  }

  @Test
  void issuedRecommendation_roundTripsEveryField() {
    new RecommendationLifecycle(recommendations, new OutcomeStore(dataSource), RULES)
        .reconcile(evaluation(LocalDate.of(2026, 3, 1), List.of(education()), List.of()), T0);

    IssuedRecommendation stored = recommendations.forPatient("p1").get(0);
    assertThat(stored.recommendation()).isEqualTo(education());
    assertThat(stored.ruleSetVersion()).isEqualTo("cocare-default@1");
    assertThat(stored.issuedAt()).isEqualTo(T0);
    assertThat(recommendations.find(stored.id())).contains(stored);
  }

  @Test
  void failure_isDeadLetteredOnce_andResolvedByReplay() {
    messages.insert("m1", T0, "s", null, "h", new byte[] {1});

    String first = deadLetters.record("m1", new IllegalStateException("database gone"));
    String second =
        deadLetters.record("m1", new RuntimeException(new IllegalStateException("still gone")));

    assertThat(second).isEqualTo(first);
    DeadLetter open = deadLetters.find(first).orElseThrow();
    assertThat(open.attempts()).isEqualTo(2);
    assertThat(open.error()).isEqualTo("IllegalStateException: still gone");
    assertThat(messages.find("m1").orElseThrow().status()).isEqualTo(MessageStatus.FAILED);
    assertThat(deadLetters.list(DeadLetter.Status.OPEN))
        .extracting(DeadLetter::id)
        .containsExactly(first);

    deadLetters.resolve("m1", T0.plusSeconds(5));

    assertThat(deadLetters.list(DeadLetter.Status.OPEN)).isEmpty();
    assertThat(deadLetters.find(first).orElseThrow().status())
        .isEqualTo(DeadLetter.Status.REPLAYED);
  }

  private IssuedRecommendation byCode(String code) {
    return recommendations.forPatient("p1").stream()
        .filter(r -> r.recommendation().code().equals(code))
        .findFirst()
        .orElseThrow();
  }

  private static Evaluation evaluation(
      LocalDate asOf, List<Recommendation> recommendations, List<GapClosed> closed) {
    return new Evaluation("p1", asOf, "cocare-default@1", recommendations, closed);
  }

  private static Recommendation screening(String code) {
    return Recommendation.screening(
        code,
        code,
        "USPSTF",
        "Screening is due.",
        List.of("Patient/p1"),
        LocalDate.of(2026, 3, 31));
  }

  private static Recommendation education() {
    return Recommendation.education(
        "education-diabetes",
        "education-diabetes",
        "ADA 2025",
        "Diabetes education is recommended.",
        List.of("Condition/c1", "Condition/c2"),
        LocalDate.of(2026, 3, 31),
        "diabetes-self-management");
  }

  private static Patient patient(String id, String version, String birthDate) {
    Patient patient = new Patient();
    patient.setId("Patient/" + id);
    if (version != null) {
      patient.getMeta().setVersionId(version);
    }
    patient.getBirthDateElement().setValueAsString(birthDate == null ? "1970-01-01" : birthDate);
    return patient;
  }

  private static Condition condition(String id, String patientId) {
    Condition condition = new Condition();
    condition.setId("Condition/" + id);
    condition.setSubject(new Reference("Patient/" + patientId));
    return condition;
  }

  private static ResourceChange upsert(Resource resource) {
    String id = resource.getIdElement().getIdPart();
    String patientId =
        resource instanceof Condition c ? c.getSubject().getReferenceElement().getIdPart() : id;
    return new ResourceChange(
        ResourceChange.Action.UPSERT, resource.fhirType(), id, patientId, resource);
  }
}
