package org.cocare.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.cocare.rules.model.GapClosed;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Priority;
import org.cocare.rules.recommendation.Recommendation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Edges of follow-up after a hospital stay (CMS Transitional Care Management): a discharge in the
 * last 30 days with no visit since gives an urgent task due 14 days after discharge, or 7 days
 * after it with active heart failure or COPD.
 */
class PostDischargeFollowUpBoundaryTest {
  private static final LocalDate AS_OF = LocalDate.of(2025, 6, 15);
  private static final String CODE = "followup-post-discharge";
  private static final LocalDate AGE_40 = AS_OF.minusYears(40);

  @ParameterizedTest(name = "discharged {0} days before the as-of date: due {1}")
  @CsvSource({"0, true", "1, true", "30, true", "31, false", "-1, false"})
  void daysSinceDischarge_decidesTheTask(int daysBefore, boolean due) {
    LocalDate end = AS_OF.minusDays(daysBefore);

    List<Recommendation> tasks =
        followUps(
            RuleHarness.evaluate(
                AS_OF,
                List.of(
                    RuleHarness.patient("p", AGE_40),
                    RuleHarness.encounter("stay", "IMP", "finished", end.minusDays(3), end))));

    if (due) {
      assertThat(tasks)
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.kind()).isEqualTo(Kind.FOLLOW_UP_TASK);
                assertThat(t.priority()).isEqualTo(Priority.URGENT);
                assertThat(t.evidence()).containsExactly("Encounter/stay");
                assertThat(t.due()).isEqualTo(end.plusDays(14));
                assertThat(t.reason()).contains(end.toString());
              });
    } else {
      assertThat(tasks).isEmpty();
    }
  }

  @ParameterizedTest(name = "condition {0}|{1} ({2}, {3}): due {4} days after discharge")
  @CsvSource({
    "http://snomed.info/sct,           84114007,  active,   confirmed, 7",
    "http://snomed.info/sct,           42343007,  active,   confirmed, 7",
    "http://hl7.org/fhir/sid/icd-10-cm, I11.0,    active,   confirmed, 7",
    "http://snomed.info/sct,           13645005,  active,   confirmed, 7",
    "http://hl7.org/fhir/sid/icd-10-cm, J44.1,    recurrence, confirmed, 7",
    "http://snomed.info/sct,           84114007,  resolved, confirmed, 14",
    "http://snomed.info/sct,           84114007,  active,   refuted,   14",
    "http://snomed.info/sct,           13645005,  inactive, confirmed, 14",
    "http://snomed.info/sct,           44054006,  active,   confirmed, 14",
  })
  void heartFailureOrCopd_bringsTheDueDateForward(
      String system, String code, String clinicalStatus, String verificationStatus, int dueDays) {
    LocalDate end = AS_OF.minusDays(5);

    List<Recommendation> tasks =
        followUps(
            RuleHarness.evaluate(
                AS_OF,
                List.of(
                    RuleHarness.patient("p", AGE_40),
                    RuleHarness.condition("c", system, code, clinicalStatus, verificationStatus),
                    RuleHarness.encounter("stay", "IMP", "finished", end.minusDays(3), end))));

    assertThat(tasks)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.due()).isEqualTo(end.plusDays(dueDays));
              assertThat(t.evidence()).containsExactly("Encounter/stay");
            });
  }

  @ParameterizedTest(name = "stay of class {0}: due {1}")
  @CsvSource({
    "IMP, true",
    "ACUTE, true",
    "NONAC, true",
    "EMER, false",
    "OBSENC, false",
    "AMB, false"
  })
  void encounterClass_decidesWhatCountsAsAHospitalStay(String classCode, boolean due) {
    LocalDate end = AS_OF.minusDays(5);

    List<Recommendation> tasks =
        followUps(
            RuleHarness.evaluate(
                AS_OF, List.of(RuleHarness.encounter("stay", classCode, "finished", end, end))));

    assertThat(tasks).hasSize(due ? 1 : 0);
  }

  @ParameterizedTest(name = "stay {0}: no task")
  @ValueSource(strings = {"in-progress", "cancelled", "entered-in-error", "planned"})
  void unfinishedStay_givesNoTask(String status) {
    LocalDate end = AS_OF.minusDays(5);

    assertThat(
            followUps(
                RuleHarness.evaluate(
                    AS_OF, List.of(RuleHarness.encounter("stay", "IMP", status, end, end)))))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0} visit of class {1}, {2} days after discharge: closed {3}")
  @CsvSource({
    "finished,    AMB, 0,  true", // same day as the discharge
    "finished,    AMB, -1, false", // the day before the discharge
    "finished,    VR,  2,  true",
    "finished,    HH,  2,  true",
    "in-progress, AMB, 2,  true",
    "arrived,     AMB, 2,  true",
    "triaged,     AMB, 2,  true",
    "planned,     AMB, 2,  false",
    "cancelled,   AMB, 2,  false",
    "finished,    EMER, 2, false",
  })
  void visitAfterDischarge_closesTheGapOnlyWhenItHappened(
      String status, String classCode, int daysAfter, boolean closed) {
    LocalDate end = AS_OF.minusDays(5);
    LocalDate visit = end.plusDays(daysAfter);

    RuleHarness.Output output =
        RuleHarness.evaluate(
            AS_OF,
            List.of(
                RuleHarness.encounter("stay", "IMP", "finished", end.minusDays(2), end),
                RuleHarness.encounter("visit", classCode, status, visit, visit)));

    if (closed) {
      assertThat(output.gapsClosed()).containsExactly(new GapClosed(CODE, "Encounter/visit"));
      assertThat(followUps(output)).isEmpty();
    } else {
      assertThat(output.gapsClosed()).isEmpty();
      assertThat(followUps(output))
          .singleElement()
          .extracting(Recommendation::evidence)
          .isEqualTo(List.of("Encounter/stay"));
    }
  }

  private static List<Recommendation> followUps(RuleHarness.Output output) {
    return output.recommendations().stream().filter(r -> r.code().equals(CODE)).toList();
  }
}
