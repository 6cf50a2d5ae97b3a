package org.cocare.engine.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.cocare.engine.evaluation.Evaluation;
import org.cocare.engine.notify.Notification;
import org.cocare.engine.notify.NotificationPlanner;
import org.cocare.engine.notify.NotificationPolicy;
import org.cocare.engine.notify.NotificationStore;
import org.cocare.engine.notify.OptOutStore;
import org.cocare.engine.notify.OptOutStore.Action;
import org.cocare.engine.notify.OptOutStore.Source;
import org.cocare.engine.notify.Outreach;
import org.cocare.engine.notify.OutreachSweep;
import org.cocare.engine.notify.PatientHold;
import org.cocare.engine.outcome.OutcomeEvent;
import org.cocare.engine.outcome.OutcomeKind;
import org.cocare.engine.outcome.OutcomeStore;
import org.cocare.engine.portal.PatientAnswerException.Reason;
import org.cocare.engine.recommendation.RecommendationLifecycle;
import org.cocare.engine.recommendation.RecommendationStore;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.fhir.outreach.Channel;
import org.cocare.rules.model.GapClosed;
import org.cocare.rules.recommendation.IssuedRecommendation;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Priority;
import org.cocare.rules.recommendation.Recommendation;
import org.cocare.rules.ruleset.RuleSet;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A patient's answers, their opt-out and what the planner makes of both, against each database
 * Cocare supports (one subclass per database): the stores, the outbox cancellation and the outcome
 * events together, as the portal uses them.
 */
abstract class PatientAnswersContract {
  /** 10:00 UTC: outside the default quiet hours. */
  static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  static final RuleEngine RULES = new RuleEngine(RuleSet.loadDefault());
  static final String V1 = "cocare-default@1";

  DataSource dataSource;
  MovableClock clock;
  RecommendationStore recommendations;
  OutcomeStore outcomes;
  NotificationStore notifications;
  OptOutStore optOuts;
  RecommendationLifecycle lifecycle;
  Outreach outreach;
  PatientAnswers answers;

  abstract DataSource newDatabase();

  @BeforeEach
  void setUp() {
    dataSource = newDatabase();
    clock = new MovableClock(T0);
    recommendations = new RecommendationStore(dataSource);
    outcomes = new OutcomeStore(dataSource);
    notifications = new NotificationStore(dataSource);
    optOuts = new OptOutStore(dataSource);
    lifecycle = new RecommendationLifecycle(recommendations, outcomes, RULES);
    TransactionTemplate transactions =
        new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    outreach =
        new Outreach(
            new NotificationPlanner(NotificationPolicy.defaults(), clock, preferred -> "en"),
            notifications,
            recommendations,
            lifecycle,
            outcomes,
            optOuts,
            ZoneOffset.UTC);
    answers =
        new PatientAnswers(
            recommendations, lifecycle, outcomes, notifications, optOuts, transactions, clock);
  }

  // ---- opt-out store ----

  @Test
  void optOut_standsOnceWithItsFirstSource_optInRemovesIt_historyKeepsBoth() {
    assertThat(optOuts.optOut("li", Source.UNSUBSCRIBE_LINK, T0)).isTrue();
    assertThat(optOuts.optOut("li", Source.PORTAL, T0.plusSeconds(60))).as("again").isFalse();

    assertThat(optOuts.find("li"))
        .hasValue(new OptOutStore.OptOut("li", T0, Source.UNSUBSCRIBE_LINK));
    assertThat(optOuts.find("wang")).isEmpty();

    assertThat(optOuts.optIn("li", Source.PORTAL, T0.plusSeconds(120))).isTrue();
    assertThat(optOuts.optIn("li", Source.PORTAL, T0.plusSeconds(180))).as("again").isFalse();
    assertThat(optOuts.find("li")).isEmpty();
    assertThat(optOuts.history("li"))
        .extracting(OptOutStore.Change::action, OptOutStore.Change::source, OptOutStore.Change::at)
        .containsExactly(
            tuple(Action.OPT_OUT, Source.UNSUBSCRIBE_LINK, T0),
            tuple(Action.OPT_IN, Source.PORTAL, T0.plusSeconds(120)));
  }

  @Test
  void optOut_cancelsPlannedRoutineNotifications_keepsUrgentAndSentOnes_recordsWithheld() {
    List<String> ids = issue(screening("screening-colorectal"), urgent("followup-bp-urgent"));
    String colorectal = ids.get(0);
    String bp = ids.get(1);
    notifications.insert(planned("n-routine", Channel.EMAIL, false, colorectal));
    notifications.insert(planned("n-portal", Channel.PORTAL, false, colorectal));
    notifications.insert(planned("n-urgent", Channel.EMAIL, true, bp));
    notifications.insert(planned("n-sent", Channel.SMS, false, colorectal));
    assertThat(notifications.markSent("n-sent", T0)).isTrue();
    clock.advance(Duration.ofMinutes(5));

    PatientAnswers.OptOutResult result = answers.optOut("li", Source.UNSUBSCRIBE_LINK);

    assertThat(result.changed()).isTrue();
    assertThat(result.cancelled()).isEqualTo(2);
    assertThat(status("n-routine")).isEqualTo(Notification.Status.CANCELLED);
    assertThat(status("n-portal")).isEqualTo(Notification.Status.CANCELLED);
    assertThat(notifications.find("n-routine").orElseThrow().lastError())
        .isEqualTo("patient opted out (unsubscribe link); only urgent items are sent");
    assertThat(status("n-urgent")).isEqualTo(Notification.Status.PLANNED);
    assertThat(status("n-sent")).isEqualTo(Notification.Status.SENT);
    assertThat(notifications.due(clock.instant(), 10))
        .extracting(Notification::id)
        .containsExactly("n-urgent");
    assertThat(events(OutcomeKind.WITHHELD))
        .extracting(OutcomeEvent::recommendationId, OutcomeEvent::detail)
        .containsExactly(
            tuple(colorectal, "patient opted out (unsubscribe link); only urgent items are sent"));

    assertThat(answers.optOut("li", Source.PORTAL).changed()).as("again").isFalse();
    assertThat(events(OutcomeKind.WITHHELD)).hasSize(1);
  }

  @Test
  void optedOutPatient_laterEvaluation_withholdsRoutineItemsWithTheReasonOnce_urgentStillGo() {
    answers.optOut("li", Source.UNSUBSCRIBE_LINK);
    List<String> ids = issue(screening("screening-colorectal"), urgent("followup-bp-urgent"));

    outreach.plan("li", record(), clock.instant());
    clock.advance(Duration.ofDays(1));
    outreach.plan("li", record(), clock.instant());

    assertThat(events(OutcomeKind.WITHHELD))
        .extracting(OutcomeEvent::recommendationId, OutcomeEvent::detail)
        .containsExactly(
            tuple(ids.get(0), "patient opted out (unsubscribe link); only urgent items are sent"));
    assertThat(events(OutcomeKind.PLANNED))
        .extracting(OutcomeEvent::recommendationId)
        .containsExactly(ids.get(1));
    assertThat(notifications.due(clock.instant(), 10))
        .allSatisfy(n -> assertThat(n.recommendationIds()).containsExactly(ids.get(1)));
  }

  @Test
  void optIn_letsTheNextEvaluationAnnounceWithheldItems() {
    answers.optOut("li", Source.PORTAL);
    String colorectal = issue(screening("screening-colorectal")).get(0);
    outreach.plan("li", record(), clock.instant());
    clock.advance(Duration.ofHours(1));

    assertThat(answers.optIn("li")).isTrue();
    outreach.plan("li", record(), clock.instant());

    assertThat(timeline(colorectal))
        .extracting(OutcomeEvent::kind)
        .containsExactly(OutcomeKind.ISSUED, OutcomeKind.WITHHELD, OutcomeKind.PLANNED);
    assertThat(optOuts.history("li"))
        .extracting(OptOutStore.Change::action)
        .containsExactly(Action.OPT_OUT, Action.OPT_IN);
  }

  // ---- answers ----

  @Test
  void answers_areRecordedWithTheirKindsAndDetails_doneStaysOpenAndIsNotCompleted() {
    String id = issue(screening("screening-colorectal")).get(0);

    // A minute apart: events of the same instant are ordered by kind, not by arrival.
    answers.opened("li", id);
    clock.advance(Duration.ofMinutes(1));
    answers.rate("li", id, 4);
    clock.advance(Duration.ofMinutes(1));
    answers.notForMe("li", id, "done-elsewhere", "  Had it at\nanother clinic ");
    clock.advance(Duration.ofMinutes(1));
    answers.remindLater("li", id, null);
    clock.advance(Duration.ofMinutes(1));
    answers.done("li", id);

    assertThat(timeline(id))
        .extracting(OutcomeEvent::kind, OutcomeEvent::detail)
        .containsExactly(
            tuple(OutcomeKind.ISSUED, null),
            tuple(OutcomeKind.OPENED, "portal"),
            tuple(OutcomeKind.RATED, "rating=4"),
            tuple(OutcomeKind.DECLINED, "reason=done-elsewhere; text=Had it at another clinic"),
            tuple(OutcomeKind.SNOOZED, "until=2026-03-09"),
            tuple(OutcomeKind.SELF_REPORTED_DONE, null));
    assertThat(recommendations.find(id).orElseThrow().status())
        .isEqualTo(IssuedRecommendation.Status.OPEN);
    assertThat(events(OutcomeKind.COMPLETED)).isEmpty();
    PatientAnswers.OpenItem item = answers.openItems("li").get(0);
    assertThat(item.answer()).isEqualTo(new PatientHold(PatientHold.Answer.REPORTED_DONE, null));
    assertThat(item.rating()).isEqualTo(4);
  }

  @Test
  void notForMe_withOnlyWordsIsOther_withAChosenDayRemindsThen() {
    String id = issue(screening("screening-colorectal")).get(0);

    answers.notForMe("li", id, null, "too far to travel");
    clock.advance(Duration.ofMinutes(1));
    answers.remindLater("li", id, LocalDate.of(2026, 4, 1));

    assertThat(timeline(id))
        .extracting(OutcomeEvent::detail)
        .endsWith("reason=other; text=too far to travel", "until=2026-04-01");
  }

  @Test
  void answerAboutSomeoneElsesOrUnknownRecommendation_isNotFound_andRecordsNothing() {
    String wangs = issue("wang", screening("screening-colorectal")).get(0);

    assertThatThrownBy(() -> answers.done("li", wangs))
        .isInstanceOfSatisfying(
            PatientAnswerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    assertThatThrownBy(() -> answers.rate("li", "no-such-id", 3))
        .isInstanceOfSatisfying(
            PatientAnswerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    assertThat(outcomes.timeline("wang"))
        .extracting(OutcomeEvent::kind)
        .containsOnly(OutcomeKind.ISSUED);
    assertThat(outcomes.timeline("li")).isEmpty();
  }

  @Test
  void answerAboutAClosedRecommendation_isRefusedAsClosed() {
    String id = issue(screening("screening-colorectal")).get(0);
    lifecycle.reconcile(
        new Evaluation(
            "li",
            LocalDate.of(2026, 3, 2),
            V1,
            List.of(),
            List.of(new GapClosed("screening-colorectal", "Procedure/colo"))),
        clock.instant());

    assertThatThrownBy(() -> answers.done("li", id))
        .isInstanceOfSatisfying(
            PatientAnswerException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.CLOSED);
              assertThat(e.getMessage()).contains("completed");
            });
    assertThat(timeline(id))
        .extracting(OutcomeEvent::kind)
        .containsExactly(OutcomeKind.ISSUED, OutcomeKind.COMPLETED);
  }

  @Test
  void invalidAnswers_areRefusedNamingTheProblem_andRecordNothing() {
    String id = issue(screening("screening-colorectal")).get(0);

    assertThat(problem(() -> answers.rate("li", id, 0))).isEqualTo("rating-range");
    assertThat(problem(() -> answers.rate("li", id, 6))).isEqualTo("rating-range");
    assertThat(problem(() -> answers.rate("li", id, null))).isEqualTo("rating-range");
    assertThat(problem(() -> answers.notForMe("li", id, null, "  ")))
        .isEqualTo("decline-reason-required");
    assertThat(problem(() -> answers.notForMe("li", id, "other", null)))
        .isEqualTo("decline-reason-required");
    assertThat(problem(() -> answers.notForMe("li", id, "bored", null)))
        .isEqualTo("decline-reason-unknown");
    assertThat(problem(() -> answers.notForMe("li", id, "other", "x".repeat(201))))
        .isEqualTo("decline-text-long");
    assertThat(problem(() -> answers.remindLater("li", id, LocalDate.of(2026, 3, 2))))
        .as("today")
        .isEqualTo("snooze-range");
    assertThat(problem(() -> answers.remindLater("li", id, LocalDate.of(2027, 3, 3))))
        .as("more than a year ahead")
        .isEqualTo("snooze-range");
    assertThat(timeline(id)).extracting(OutcomeEvent::kind).containsExactly(OutcomeKind.ISSUED);
  }

  @Test
  void plannerRespectsAnswers_declinedNeverAgain_snoozedAfterItsDay_doneNotWhileOpen() {
    List<String> ids =
        issue(
            screening("screening-colorectal"),
            screening("screening-hcv"),
            screening("screening-lung"));
    String declined = ids.get(0);
    String snoozed = ids.get(1);
    String done = ids.get(2);
    answers.notForMe("li", declined, "prefer-not", null);
    answers.remindLater("li", snoozed, LocalDate.of(2026, 3, 5));
    answers.done("li", done);
    clock.advance(Duration.ofMinutes(1));

    outreach.plan("li", record(), clock.instant());
    assertThat(notifications.due(clock.instant().plus(Duration.ofDays(400)), 10)).isEmpty();

    clock.advance(Duration.ofDays(3));
    outreach.plan("li", record(), clock.instant());

    assertThat(notifications.due(clock.instant(), 10))
        .isNotEmpty()
        .allSatisfy(n -> assertThat(n.recommendationIds()).containsExactly(snoozed));
    assertThat(timeline(declined))
        .extracting(OutcomeEvent::kind, OutcomeEvent::detail)
        .endsWith(tuple(OutcomeKind.WITHHELD, "patient answered not for me: not announced again"));
    assertThat(timeline(done))
        .extracting(OutcomeEvent::detail)
        .last()
        .isEqualTo("patient reported it done: not reminded while it waits for the evidence");
    assertThat(timeline(snoozed))
        .extracting(OutcomeEvent::kind)
        .containsExactly(
            OutcomeKind.ISSUED, OutcomeKind.SNOOZED, OutcomeKind.WITHHELD, OutcomeKind.PLANNED);
  }

  @Test
  void sweep_remindsASnoozedItemOnItsDay_andAgainAfterItsInterval_withoutNewData() {
    String snoozed = issue(screening("screening-colorectal")).get(0);
    answers.remindLater("li", snoozed, LocalDate.of(2026, 3, 5));
    OutreachSweep sweep =
        new OutreachSweep(
            recommendations,
            patientId -> record(),
            outreach,
            new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
            clock);

    clock.advance(Duration.ofHours(1));
    assertThat(sweep.sweep()).as("the day before").isZero();

    clock.advance(Duration.ofDays(3));
    assertThat(sweep.sweep()).as("on the day: email and portal").isEqualTo(2);
    assertThat(sweep.sweep()).as("and not again").isZero();
    assertThat(notifications.due(clock.instant(), 10))
        .allSatisfy(n -> assertThat(n.recommendationIds()).containsExactly(snoozed));
    clock.advance(Duration.ofDays(31));
    assertThat(sweep.sweep()).as("after the re-notify interval, once more").isEqualTo(2);
    assertThat(timeline(snoozed))
        .extracting(OutcomeEvent::kind)
        .filteredOn(k -> k == OutcomeKind.PLANNED)
        .hasSize(2);
  }

  @Test
  void trackingLink_recordsOpenedForEachItemOfTheNotification_once() {
    List<String> ids = issue(screening("screening-colorectal"), screening("screening-hcv"));
    notifications.insert(planned("n1", Channel.EMAIL, false, ids.toArray(String[]::new)));

    assertThat(answers.openedNotification("n1")).isEqualTo("li");
    answers.openedNotification("n1");

    assertThat(events(OutcomeKind.OPENED))
        .extracting(OutcomeEvent::recommendationId, OutcomeEvent::detail)
        .containsExactlyInAnyOrder(
            tuple(ids.get(0), "notification=n1; channel=email"),
            tuple(ids.get(1), "notification=n1; channel=email"));
    assertThatThrownBy(() -> answers.openedNotification("n-unknown"))
        .isInstanceOfSatisfying(
            PatientAnswerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
  }

  @Test
  void unsubscribeLink_optsOutTheNotificationsPatient() {
    String id = issue(screening("screening-colorectal")).get(0);
    notifications.insert(planned("n1", Channel.EMAIL, false, id));

    PatientAnswers.OptOutResult result = answers.unsubscribe("n1");

    assertThat(result.patientId()).isEqualTo("li");
    assertThat(answers.optOutOf("li"))
        .hasValueSatisfying(o -> assertThat(o.source()).isEqualTo(Source.UNSUBSCRIBE_LINK));
    assertThat(status("n1")).isEqualTo(Notification.Status.CANCELLED);
  }

  // ---- helpers ----

  private String problem(Runnable answer) {
    try {
      answer.run();
    } catch (PatientAnswerException e) {
      assertThat(e.reason()).isEqualTo(Reason.INVALID);
      return e.problem();
    }
    throw new AssertionError("the answer was taken");
  }

  private List<String> issue(Recommendation... recommendations) {
    return issue("li", recommendations);
  }

  private List<String> issue(String patientId, Recommendation... issued) {
    lifecycle.reconcile(
        new Evaluation(patientId, LocalDate.of(2026, 3, 2), V1, List.of(issued), List.of()),
        clock.instant());
    return List.of(issued).stream()
        .map(
            r ->
                recommendations.open(patientId).stream()
                    .filter(o -> o.recommendation().code().equals(r.code()))
                    .findFirst()
                    .orElseThrow()
                    .id())
        .toList();
  }

  private Notification planned(String id, Channel channel, boolean urgent, String... items) {
    return Notification.planned(
        id,
        "li",
        new NotificationPlanner.Message(
            channel,
            channel == Channel.PORTAL ? "li" : "li@example.org",
            "en",
            List.of(items),
            clock.instant(),
            urgent),
        clock.instant());
  }

  private Notification.Status status(String id) {
    return notifications.find(id).orElseThrow().status();
  }

  private List<OutcomeEvent> events(OutcomeKind kind) {
    return outcomes.timeline("li").stream().filter(e -> e.kind() == kind).toList();
  }

  private List<OutcomeEvent> timeline(String recommendationId) {
    return outcomes.timeline("li").stream()
        .filter(e -> e.recommendationId().equals(recommendationId))
        .toList();
  }

  /** Li's record: a Patient with an email address. */
  private static List<Resource> record() {
    Patient li = new Patient();
    li.setId("li");
    li.addTelecom().setSystem(ContactPointSystem.EMAIL).setValue("li@example.org");
    return List.of(li);
  }

  private static Recommendation screening(String code) {
    return Recommendation.careGap(
        code,
        Kind.SCREENING_REMINDER,
        null,
        "USPSTF",
        code,
        "Screening is due.",
        List.of("Patient/li"),
        LocalDate.of(2026, 3, 31),
        Priority.ROUTINE);
  }

  private static Recommendation urgent(String code) {
    return Recommendation.followUp(
        code,
        code,
        "ACC/AHA 2017",
        "Severe reading.",
        List.of("Observation/bp"),
        LocalDate.of(2026, 3, 2),
        Priority.URGENT);
  }

  /** A clock the test moves forward; everything built with it sees the move. */
  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the tests keep UTC");
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
