package org.cocare.engine.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import javax.sql.DataSource;
import org.cocare.engine.evaluation.Evaluation;
import org.cocare.engine.recommendation.RecommendationLifecycle;
import org.cocare.engine.recommendation.RecommendationStore;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.rules.model.GapClosed;
import org.cocare.rules.recommendation.IssuedRecommendation;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Priority;
import org.cocare.rules.recommendation.Recommendation;
import org.cocare.rules.ruleset.RuleSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outcome events as the lifecycle records them and the store finds them, run against each database
 * Cocare supports (one subclass per database).
 */
abstract class OutcomeContract {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final RuleEngine RULES = new RuleEngine(RuleSet.loadDefault());
  static final String V1 = "cocare-default@1";
  static final String V2 = "cocare-default@2";

  DataSource dataSource;
  RecommendationStore recommendations;
  OutcomeStore outcomes;
  RecommendationLifecycle lifecycle;
  Clock clock;

  abstract DataSource newDatabase();

  @BeforeEach
  void setUp() {
    dataSource = newDatabase();
    recommendations = new RecommendationStore(dataSource);
    outcomes = new OutcomeStore(dataSource);
    lifecycle = new RecommendationLifecycle(recommendations, outcomes, RULES);
    clock = Clock.fixed(T0, ZoneOffset.UTC);
  }

  @Test
  void gapClosedByEvidence_recordsIssuedThenCompletedWithEvidenceAndWholeDays() {
    lifecycle.reconcile(
        evaluation(V1, List.of(screening("screening-colorectal")), List.of()), now());
    advance(Duration.ofDays(12).plusHours(20));

    lifecycle.reconcile(
        evaluation(
            V1, List.of(), List.of(new GapClosed("screening-colorectal", "Procedure/colo-1"))),
        now());

    List<OutcomeEvent> timeline = outcomes.timeline("p1");
    assertThat(timeline)
        .extracting(OutcomeEvent::kind)
        .containsExactly(OutcomeKind.ISSUED, OutcomeKind.COMPLETED);
    OutcomeEvent issued = timeline.get(0);
    assertThat(issued.at()).isEqualTo(T0);
    assertThat(issued.evidence()).isNull();
    assertThat(issued.daysToComplete()).isNull();
    OutcomeEvent completed = timeline.get(1);
    assertThat(completed.recommendationId()).isEqualTo(issued.recommendationId());
    assertThat(completed.at()).isEqualTo(T0.plus(Duration.ofDays(12).plusHours(20)));
    assertThat(completed.evidence()).isEqualTo("Procedure/colo-1");
    assertThat(completed.daysToComplete()).isEqualTo(12);
    assertThat(completed.code()).isEqualTo("screening-colorectal");
    assertThat(completed.ruleId()).isEqualTo("screening-colorectal");
    assertThat(completed.measure()).isEqualTo("CMS130");
    assertThat(completed.recommendationKind()).isEqualTo(Kind.SCREENING_REMINDER);
    assertThat(completed.ruleSetVersion()).isEqualTo(V1);
  }

  @Test
  void stoppedFiringUnderSameVersion_isExpired_underNewVersion_isSupersededNamingIt() {
    lifecycle.reconcile(
        evaluation(
            V1, List.of(screening("screening-colorectal"), screening("screening-hcv")), List.of()),
        now());
    advance(Duration.ofDays(1));
    lifecycle.reconcile(evaluation(V1, List.of(screening("screening-hcv")), List.of()), now());
    advance(Duration.ofDays(1));
    lifecycle.reconcile(evaluation(V2, List.of(), List.of()), now());

    assertThat(outcomes.timeline("p1"))
        .extracting(OutcomeEvent::code, OutcomeEvent::kind, OutcomeEvent::ruleSetVersion)
        .containsExactly(
            tuple("screening-colorectal", OutcomeKind.ISSUED, V1),
            tuple("screening-hcv", OutcomeKind.ISSUED, V1),
            tuple("screening-colorectal", OutcomeKind.EXPIRED, V1),
            tuple("screening-hcv", OutcomeKind.SUPERSEDED, V1));
    assertThat(outcomes.timeline("p1").get(3).detail()).contains(V2);
    assertThat(outcomes.timeline("p1").get(3).daysToComplete()).isNull();
  }

  @Test
  void stillFiring_recordsNothingMore() {
    Evaluation same = evaluation(V1, List.of(screening("screening-colorectal")), List.of());
    lifecycle.reconcile(same, now());
    advance(Duration.ofDays(3));
    lifecycle.reconcile(same, now());

    assertThat(outcomes.timeline("p1"))
        .extracting(OutcomeEvent::kind)
        .containsExactly(OutcomeKind.ISSUED);
  }

  @Test
  void rolledBackReconcile_leavesNoEvents() {
    TransactionTemplate transactions =
        new TransactionTemplate(new DataSourceTransactionManager(dataSource));

    transactions.executeWithoutResult(
        status -> {
          lifecycle.reconcile(
              evaluation(V1, List.of(screening("screening-colorectal")), List.of()), now());
          status.setRollbackOnly();
        });

    assertThat(recommendations.forPatient("p1")).isEmpty();
    assertThat(outcomes.timeline("p1")).isEmpty();
  }

  @Test
  void record_appendsLaterKindsCopyingTheRecommendation_selfReportIsNotCompletion() {
    lifecycle.reconcile(
        evaluation(V1, List.of(screening("screening-colorectal")), List.of()), now());
    String id = recommendations.forPatient("p1").get(0).id();
    advance(Duration.ofHours(1));

    lifecycle.record(id, OutcomeKind.SENT, now(), "sms");
    advance(Duration.ofDays(2));
    OutcomeEvent reported = lifecycle.record(id, OutcomeKind.SELF_REPORTED_DONE, now(), null);

    assertThat(outcomes.timeline("p1"))
        .extracting(OutcomeEvent::kind)
        .containsExactly(OutcomeKind.ISSUED, OutcomeKind.SENT, OutcomeKind.SELF_REPORTED_DONE);
    assertThat(reported.code()).isEqualTo("screening-colorectal");
    assertThat(reported.daysToComplete()).isNull();
    assertThat(recommendations.find(id).orElseThrow().status())
        .isEqualTo(IssuedRecommendation.Status.OPEN);
    assertThat(outcomes.search(query(null, OutcomeKind.COMPLETED, null, null))).isEmpty();
  }

  @Test
  void timelineOfKinds_isTheTimelineWithOnlyThoseKinds_inTheSameOrder() {
    lifecycle.reconcile(
        evaluation(
            V1,
            List.of(screening("screening-colorectal"), screening("screening-breast")),
            List.of()),
        now());
    List<IssuedRecommendation> issued = recommendations.forPatient("p1");
    for (IssuedRecommendation r : issued) {
      lifecycle.record(r.id(), OutcomeKind.PLANNED, now(), "now");
      lifecycle.record(r.id(), OutcomeKind.SENT, now(), "sms");
    }
    advance(Duration.ofDays(1));
    lifecycle.record(issued.get(0).id(), OutcomeKind.DECLINED, now(), null);
    lifecycle.record(issued.get(1), OutcomeKind.WITHHELD, now(), "weekly cap");

    Set<OutcomeKind> kinds =
        EnumSet.of(OutcomeKind.PLANNED, OutcomeKind.DECLINED, OutcomeKind.WITHHELD);

    assertThat(outcomes.timeline("p1", kinds))
        .containsExactlyElementsOf(
            outcomes.timeline("p1").stream().filter(e -> kinds.contains(e.kind())).toList())
        .hasSize(4);
    assertThat(outcomes.timeline("p1", Set.of())).isEmpty();
    assertThat(outcomes.timeline("p2", kinds)).isEmpty();
    assertThat(recommendations.findAll(List.of(issued.get(1).id(), "unknown", issued.get(0).id())))
        .containsOnlyKeys(issued.get(0).id(), issued.get(1).id())
        .containsValues(issued.get(0), issued.get(1));
  }

  @Test
  void search_byCohort_separatesTheHeldOutFromTheNotified() {
    lifecycle.reconcile(
        evaluation(
            V1, List.of(screening("screening-colorectal"), screening("screening-hcv")), List.of()),
        now());
    String heldOut = idOf("screening-hcv");
    String notified = idOf("screening-colorectal");
    lifecycle.record(heldOut, OutcomeKind.HELD_OUT, now(), "control group of screening-hcv");
    lifecycle.record(notified, OutcomeKind.PLANNED, now(), "now");

    assertThat(outcomes.search(cohort(Cohort.CONTROL)))
        .extracting(OutcomeEvent::recommendationId)
        .containsOnly(heldOut)
        .hasSize(2);
    assertThat(outcomes.search(cohort(Cohort.INTERVENTION)))
        .extracting(OutcomeEvent::kind)
        .containsExactlyInAnyOrder(OutcomeKind.ISSUED, OutcomeKind.PLANNED);
    assertThat(outcomes.search(cohort(Cohort.INTERVENTION)))
        .extracting(OutcomeEvent::recommendationId)
        .containsOnly(notified);
  }

  private String idOf(String code) {
    return recommendations.forPatient("p1").stream()
        .filter(r -> r.recommendation().code().equals(code))
        .findFirst()
        .orElseThrow()
        .id();
  }

  private static OutcomeQuery cohort(Cohort cohort) {
    return new OutcomeQuery(null, null, null, null, null, null, null, null, cohort, 100);
  }

  @Test
  void record_refusesLifecycleKindsAndUnknownRecommendations() {
    lifecycle.reconcile(
        evaluation(V1, List.of(screening("screening-colorectal")), List.of()), now());
    String id = recommendations.forPatient("p1").get(0).id();

    assertThatThrownBy(() -> lifecycle.record(id, OutcomeKind.COMPLETED, now(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("completed");
    assertThatThrownBy(() -> lifecycle.record("nope", OutcomeKind.OPENED, now(), null))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("nope");
    assertThat(outcomes.timeline("p1")).hasSize(1);
  }

  @Test
  void search_filtersByEveryFieldAndPeriod_newestFirst_withinLimit() {
    lifecycle.reconcile(
        evaluation(V1, List.of(screening("screening-colorectal"), education()), List.of()), now());
    advance(Duration.ofDays(10));
    lifecycle.reconcile(
        evaluation(
            V1,
            List.of(education()),
            List.of(new GapClosed("screening-colorectal", "Procedure/c"))),
        now());
    Instant tenDays = now();

    assertThat(outcomes.search(query("screening-colorectal", null, null, null)))
        .extracting(OutcomeEvent::kind)
        .containsExactly(OutcomeKind.COMPLETED, OutcomeKind.ISSUED);
    assertThat(outcomes.search(query(null, OutcomeKind.ISSUED, null, null)))
        .extracting(OutcomeEvent::code)
        .containsExactlyInAnyOrder("screening-colorectal", "education-diabetes");
    assertThat(outcomes.search(query(null, null, tenDays, null)))
        .extracting(OutcomeEvent::kind)
        .containsExactly(OutcomeKind.COMPLETED);
    assertThat(outcomes.search(query(null, null, null, tenDays))).hasSize(2);
    assertThat(
            outcomes.search(
                new OutcomeQuery(
                    "screening-colorectal",
                    "CMS130",
                    null,
                    null,
                    Kind.SCREENING_REMINDER,
                    null,
                    null,
                    V1,
                    null,
                    10)))
        .hasSize(2);
    assertThat(
            outcomes.search(
                new OutcomeQuery(
                    null, null, null, null, Kind.EDUCATION, null, null, null, null, 10)))
        .extracting(OutcomeEvent::code)
        .containsExactly("education-diabetes");
    assertThat(
            outcomes.search(
                new OutcomeQuery(null, null, null, null, null, null, null, V2, null, 10)))
        .isEmpty();
    assertThat(outcomes.search(OutcomeQuery.all(1)))
        .extracting(OutcomeEvent::kind)
        .containsExactly(OutcomeKind.COMPLETED);
  }

  @Test
  void event_roundTripsEveryField() {
    OutcomeEvent event =
        new OutcomeEvent(
            "e1",
            "r1",
            "p9",
            OutcomeKind.COMPLETED,
            T0,
            "rule-a",
            "code-a",
            null,
            Kind.FOLLOW_UP_TASK,
            V2,
            "Procedure/x",
            0,
            "note");

    outcomes.append(event);

    assertThat(outcomes.timeline("p9")).containsExactly(event);
  }

  @Test
  void event_refusesACompletionWithoutEvidenceAndDaysOnOtherKinds() {
    assertThatThrownBy(() -> event(OutcomeKind.COMPLETED, null, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("evidence");
    assertThatThrownBy(() -> event(OutcomeKind.SENT, null, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("daysToComplete");
  }

  private static OutcomeEvent event(OutcomeKind kind, String evidence, Integer days) {
    return new OutcomeEvent(
        "e", "r", "p", kind, T0, "rule", "code", null, Kind.EDUCATION, V1, evidence, days, null);
  }

  private static OutcomeQuery query(String code, OutcomeKind kind, Instant from, Instant to) {
    return new OutcomeQuery(null, null, code, kind, null, from, to, null, null, 100);
  }

  private Instant now() {
    return clock.instant();
  }

  private void advance(Duration duration) {
    clock = Clock.offset(clock, duration);
  }

  private static Evaluation evaluation(
      String version, List<Recommendation> recommendations, List<GapClosed> closed) {
    return new Evaluation(
        "p1", LocalDate.ofInstant(T0, ZoneOffset.UTC), version, recommendations, closed);
  }

  private static Recommendation screening(String code) {
    return Recommendation.careGap(
        code,
        Kind.SCREENING_REMINDER,
        code.equals("screening-colorectal") ? "CMS130" : null,
        "USPSTF 2021",
        code,
        "Screening is due.",
        List.of("Patient/p1"),
        LocalDate.of(2026, 3, 31),
        Priority.ROUTINE);
  }

  private static Recommendation education() {
    return Recommendation.education(
        "education-diabetes",
        "education-diabetes",
        "ADA 2025",
        "Diabetes education is recommended.",
        List.of("Condition/c1"),
        LocalDate.of(2026, 3, 31),
        "diabetes-self-management");
  }
}
