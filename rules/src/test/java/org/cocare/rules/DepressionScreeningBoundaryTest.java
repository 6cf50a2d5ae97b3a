package org.cocare.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cocare.rules.model.Code;
import org.cocare.rules.model.ConditionFact;
import org.cocare.rules.model.EncounterFact;
import org.cocare.rules.model.Interval;
import org.cocare.rules.model.MedicationFact;
import org.cocare.rules.model.ObservationFact;
import org.cocare.rules.model.ProcedureFact;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Recommendation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Edges of CMS2 (depression screening and follow-up plan, MEASURES.md §9) for MP 2026: age at the
 * start of the MP, the 14-day screening window, the follow-up windows, the exclusion and the
 * exception.
 */
class DepressionScreeningBoundaryTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 12, 31);
  private static final LocalDate VISIT = LocalDate.of(2026, 6, 21);
  private static final LocalDate AGE_12 = LocalDate.of(2014, 1, 1);
  private static final LocalDate AGE_30 = LocalDate.of(1996, 1, 1);
  private static final String ADOLESCENT = "73831-0";
  private static final String ADULT = "73832-8";
  private static final String NEGATIVE = "428171000124102";
  private static final String POSITIVE = "428181000124104";
  private static final String SCREEN_ENCOUNTER =
      "http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113883.3.600.1916";
  private static final String ADOLESCENT_FOLLOW_UP =
      "http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113883.3.526.3.1569";
  private static final String ADULT_MEDICATIONS =
      "http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113883.3.526.3.1566";
  private static final String BIPOLAR =
      "http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113883.3.67.1.101.1.128";

  private static List<Object> visit(LocalDate birthDate) {
    List<Object> facts = new ArrayList<>();
    facts.add(RuleHarness.patient("p", birthDate));
    facts.add(
        new EncounterFact(
            "qe", List.of(), Set.of(SCREEN_ENCOUNTER), "finished", "AMB", VISIT, VISIT, null));
    return facts;
  }

  private static ObservationFact screening(String id, String loinc, LocalDate day, String value) {
    return new ObservationFact(
        id,
        List.of(new Code(RuleHarness.LOINC, loinc)),
        Set.of(),
        "final",
        day,
        null,
        null,
        Interval.day(day),
        List.of(),
        true,
        List.of(new Code(RuleHarness.SNOMED, value)),
        Set.of());
  }

  private static MedicationFact antidepressant(LocalDate authored, int days) {
    return new MedicationFact(
        "rx",
        List.of(new Code("http://www.nlm.nih.gov/research/umls/rxnorm", "1000048")),
        Set.of(ADULT_MEDICATIONS),
        "active",
        "order",
        authored,
        Interval.of(authored, authored.plusDays(days - 1)));
  }

  private static List<Recommendation> cms2(List<Object> facts) {
    return RuleHarness.evaluate(AS_OF, facts).recommendations().stream()
        .filter(r -> "CMS2".equals(r.measure()))
        .toList();
  }

  @ParameterizedTest(name = "born {0}: reminded {1}")
  @CsvSource({"2014-01-01, true", "2014-01-02, false"})
  void ageTwelveOnTheFirstDayOfTheMp_isEligible(LocalDate birthDate, boolean reminded) {
    List<Recommendation> gaps = cms2(visit(birthDate));

    if (reminded) {
      assertThat(gaps)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.code()).isEqualTo("screening-depression");
                assertThat(r.kind()).isEqualTo(Kind.SCREENING_REMINDER);
                assertThat(r.due()).isEqualTo(AS_OF.plusDays(30));
              });
    } else {
      assertThat(gaps).isEmpty();
    }
  }

  @ParameterizedTest(name = "negative screen {0} days before the visit: closed {1}")
  @CsvSource({"0, true", "14, true", "15, false", "-1, false"})
  void negativeScreen_countsWithinFourteenDaysUpToTheVisitDay(int daysBefore, boolean closed) {
    List<Object> facts = visit(AGE_30);
    facts.add(screening("s", ADULT, VISIT.minusDays(daysBefore), NEGATIVE));

    assertThat(cms2(facts).isEmpty()).isEqualTo(closed);
  }

  @Test
  void adolescentScreen_doesNotCountForAnAdult() {
    List<Object> facts = visit(AGE_30);
    facts.add(screening("s", ADOLESCENT, VISIT, NEGATIVE));

    assertThat(cms2(facts))
        .singleElement()
        .extracting(Recommendation::code)
        .isEqualTo("screening-depression");
  }

  @Test
  void positiveScreenWithoutPlan_asksForFollowUp() {
    List<Object> facts = visit(AGE_30);
    facts.add(screening("s", ADULT, VISIT, POSITIVE));

    assertThat(cms2(facts))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.code()).isEqualTo("followup-depression-positive");
              assertThat(r.kind()).isEqualTo(Kind.FOLLOW_UP_TASK);
              assertThat(r.evidence()).containsExactly("Observation/s");
              assertThat(r.due()).isEqualTo(AS_OF.plusDays(14));
            });
  }

  @Test
  void laterNegativeScreen_replacesAnEarlierPositiveOne() {
    List<Object> facts = visit(AGE_30);
    facts.add(screening("pos", ADULT, VISIT.minusDays(5), POSITIVE));
    facts.add(screening("neg", ADULT, VISIT, NEGATIVE));

    assertThat(cms2(facts)).isEmpty();
  }

  @Test
  void positiveAdolescentScreenWithFollowUpProcedureDuringTheVisit_closesTheGap() {
    List<Object> facts = visit(AGE_12);
    facts.add(screening("s", ADOLESCENT, VISIT, POSITIVE));
    facts.add(
        new ProcedureFact(
            "fu",
            List.of(new Code(RuleHarness.SNOMED, "108313002")),
            Set.of(ADOLESCENT_FOLLOW_UP),
            "completed",
            VISIT));

    assertThat(cms2(facts)).isEmpty();
  }

  @ParameterizedTest(name = "prescribed {0} days after the visit: closed {1}")
  @CsvSource({"0, true", "2, true", "3, false"})
  void prescription_countsUpToTwoDaysAfterTheVisit(int daysAfter, boolean closed) {
    List<Object> facts = visit(AGE_30);
    facts.add(screening("s", ADULT, VISIT, POSITIVE));
    // One day of supply, so that only the order date (not an active medication) can close it.
    facts.add(antidepressant(VISIT.plusDays(daysAfter), 1));

    assertThat(cms2(facts).isEmpty()).isEqualTo(closed);
  }

  @Test
  void antidepressantRunningOnPastTheVisit_closesAPositiveScreen() {
    List<Object> facts = visit(AGE_30);
    facts.add(screening("s", ADULT, VISIT, POSITIVE));
    facts.add(antidepressant(VISIT.minusDays(60), 90));

    assertThat(cms2(facts)).isEmpty();
  }

  @ParameterizedTest(name = "bipolar from {0}: excluded {1}")
  @CsvSource({"2026-06-20, true", "2026-06-21, false"})
  void bipolarDisorder_excludesOnlyWhenItStartsBeforeTheVisitDay(
      LocalDate onset, boolean excluded) {
    List<Object> facts = visit(AGE_30);
    facts.add(
        new ConditionFact(
            "bp",
            List.of(new Code(RuleHarness.SNOMED, "10875004")),
            Set.of(BIPOLAR),
            "active",
            null,
            onset,
            null,
            null));

    assertThat(cms2(facts).isEmpty()).isEqualTo(excluded);
  }

  @Test
  void screeningDeclinedDuringTheVisit_isAnExceptionUnlessAScreeningIsLinked() {
    List<Object> facts = visit(AGE_30);
    facts.add(
        new ObservationFact(
            "declined",
            List.of(new Code(RuleHarness.LOINC, ADULT)),
            Set.of(),
            "cancelled",
            null,
            null,
            null,
            Interval.NONE,
            List.of(),
            false,
            List.of(),
            Set.of(),
            List.of(),
            null,
            VISIT,
            List.of(new Code(RuleHarness.SNOMED, "720834000")),
            Set.of(),
            null));

    assertThat(cms2(facts)).isEmpty();

    facts.add(screening("s", ADULT, VISIT.minusDays(7), POSITIVE));
    assertThat(cms2(facts))
        .singleElement()
        .extracting(Recommendation::code)
        .isEqualTo("followup-depression-positive");
  }
}
