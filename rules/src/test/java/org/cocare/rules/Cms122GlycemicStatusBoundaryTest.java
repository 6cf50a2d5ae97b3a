package org.cocare.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cocare.rules.model.Code;
import org.cocare.rules.model.ConditionFact;
import org.cocare.rules.model.EncounterFact;
import org.cocare.rules.model.Interval;
import org.cocare.rules.model.ObservationFact;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Recommendation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Edges of CMS122 (2025, MEASURES.md §6), an inverse measure: a diabetic 18-75 with a visit in the
 * MP gets a reminder when the MP has no HbA1c/GMI result, and a follow-up task when the lowest
 * reading of the most recent day is above 9 %.
 */
class Cms122GlycemicStatusBoundaryTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 12, 31);
  private static final LocalDate AGE_50 = LocalDate.of(1976, 6, 1);
  private static final String MONITOR = "monitor-hba1c";
  private static final String FOLLOW_UP = "followup-hba1c-uncontrolled";
  private static final String HBA1C = "17855-8";
  private static final String GMI = "97506-0";

  @Test
  void noAssessmentInThePeriod_remindsToTest() {
    List<Recommendation> gaps = cms122(patientWith(AGE_50));

    assertThat(gaps)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.code()).isEqualTo(MONITOR);
              assertThat(r.kind()).isEqualTo(Kind.SCREENING_REMINDER);
              assertThat(r.measure()).isEqualTo("CMS122");
              assertThat(r.due()).isEqualTo(AS_OF.plusDays(30));
            });
  }

  @ParameterizedTest(name = "{0} % -> {1}")
  @CsvSource({"6.5, none", "9, none", "9.0, none", "9.01, " + FOLLOW_UP, "12, " + FOLLOW_UP})
  void mostRecentResult_aboveNinePercentOnly_asksForFollowUp(String percent, String expected) {
    List<Recommendation> gaps =
        cms122(patientWith(AGE_50, hba1c("a", LocalDate.of(2026, 6, 1), percent, "%")));

    assertThat(codes(gaps)).isEqualTo(expected.equals("none") ? List.of() : List.of(expected));
  }

  @Test
  void followUpTask_citesTheElevatedResult() {
    List<Recommendation> gaps =
        cms122(patientWith(AGE_50, hba1c("a", LocalDate.of(2026, 6, 1), "10", "%")));

    assertThat(gaps)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.kind()).isEqualTo(Kind.FOLLOW_UP_TASK);
              assertThat(r.evidence()).containsExactly("Observation/a");
              assertThat(r.due()).isEqualTo(AS_OF.plusDays(14));
            });
  }

  @Test
  void gmiAboveNinePercent_countsLikeAnHbA1c() {
    ObservationFact gmi = observation("g", GMI, LocalDate.of(2026, 3, 1), "9.5", "%", true);

    assertThat(codes(cms122(patientWith(AGE_50, gmi)))).containsExactly(FOLLOW_UP);
  }

  @Test
  void laterControlledResult_replacesAnEarlierElevatedOne() {
    List<Recommendation> gaps =
        cms122(
            patientWith(
                AGE_50,
                hba1c("high", LocalDate.of(2026, 2, 1), "11", "%"),
                hba1c("ok", LocalDate.of(2026, 9, 1), "7", "%")));

    assertThat(gaps).isEmpty();
  }

  @Test
  void laterElevatedResult_replacesAnEarlierControlledOne() {
    List<Recommendation> gaps =
        cms122(
            patientWith(
                AGE_50,
                hba1c("ok", LocalDate.of(2026, 2, 1), "7", "%"),
                hba1c("high", LocalDate.of(2026, 9, 1), "11", "%")));

    assertThat(codes(gaps)).containsExactly(FOLLOW_UP);
  }

  @Test
  void sameDay_theLowestReadingDecides() {
    LocalDate day = LocalDate.of(2026, 9, 1);

    assertThat(cms122(patientWith(AGE_50, hba1c("a", day, "10", "%"), hba1c("b", day, "8", "%"))))
        .isEmpty();
    assertThat(cms122(patientWith(AGE_50, hba1c("a", day, "10", "%"), hba1c("b", day, "12", "%"))))
        .singleElement()
        .satisfies(r -> assertThat(r.evidence()).hasSize(2));
  }

  @Test
  void sameDay_aReadingWithoutValueIsReadFirst_soThereIsNoResult() {
    LocalDate day = LocalDate.of(2026, 9, 1);
    ObservationFact pending = observation("p", HBA1C, day, null, null, false);

    assertThat(codes(cms122(patientWith(AGE_50, pending, hba1c("a", day, "12", "%")))))
        .as("MEASURES.md §14.2: sorted first, the value-less reading is the one read")
        .containsExactly(MONITOR);
  }

  @Test
  void mostRecentWithoutAnyValue_remindsToTest_evenAfterAnEarlierResult() {
    List<Recommendation> gaps =
        cms122(
            patientWith(
                AGE_50,
                hba1c("a", LocalDate.of(2026, 2, 1), "12", "%"),
                observation("p", HBA1C, LocalDate.of(2026, 9, 1), null, null, false)));

    assertThat(codes(gaps)).containsExactly(MONITOR);
  }

  @Test
  void codedResult_isAResultButNotAboveNine() {
    ObservationFact coded = observation("c", HBA1C, LocalDate.of(2026, 9, 1), null, null, true);

    assertThat(cms122(patientWith(AGE_50, coded))).isEmpty();
  }

  @Test
  void resultInAnotherUnit_isNotComparedWithNinePercent() {
    assertThat(cms122(patientWith(AGE_50, hba1c("a", LocalDate.of(2026, 9, 1), "75", "mmol/mol"))))
        .isEmpty();
  }

  @ParameterizedTest(name = "result on {0}: counts {1}")
  @CsvSource({"2025-12-31, false", "2026-01-01, true", "2026-12-31, true", "2027-01-01, false"})
  void resultOutsideThePeriod_doesNotCount(LocalDate day, boolean counts) {
    assertThat(codes(cms122(patientWith(AGE_50, hba1c("a", day, "7", "%")))))
        .isEqualTo(counts ? List.of() : List.of(MONITOR));
  }

  @Test
  void preliminaryResult_doesNotCount() {
    ObservationFact preliminary =
        new ObservationFact(
            "a",
            List.of(new Code(RuleHarness.LOINC, HBA1C)),
            RuleHarness.TERMINOLOGY.valueSetsContaining(RuleHarness.LOINC, HBA1C),
            "preliminary",
            LocalDate.of(2026, 9, 1),
            new BigDecimal("7"),
            "%");

    assertThat(codes(cms122(patientWith(AGE_50, preliminary)))).containsExactly(MONITOR);
  }

  @ParameterizedTest(name = "born {0}: in the population {1}")
  @CsvSource({
    "2009-01-01, false",
    "2008-12-31, true",
    "1951-01-01, true",
    "1950-12-31, false",
  })
  void ageAtTheEndOfThePeriod_18to75(LocalDate birthDate, boolean eligible) {
    assertThat(cms122(patientWith(birthDate))).hasSize(eligible ? 1 : 0);
  }

  @ParameterizedTest(name = "visit {0}|{1}: qualifies {2}")
  @CsvSource({
    "http://snomed.info/sct, 185463005, true",
    "http://www.ama-assn.org/go/cpt, 97802, true",
    "http://www.ama-assn.org/go/cpt, 97804, true",
    "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets, G0270, true",
    "http://www.nlm.nih.gov/research/umls/hcpcs, G0271, true",
    "http://www.ama-assn.org/go/cpt, 98970, false",
    "http://www.ama-assn.org/go/cpt, 97805, false",
  })
  void qualifyingVisit_ownListWithNutritionTherapyButNotVirtual(
      String system, String code, boolean qualifies) {
    EncounterFact visit =
        new EncounterFact(
            "v",
            List.of(new Code(system, code)),
            RuleHarness.TERMINOLOGY.valueSetsContaining(system, code),
            "finished",
            "AMB",
            LocalDate.of(2026, 4, 1),
            LocalDate.of(2026, 4, 1),
            null);
    List<Object> facts = new ArrayList<>();
    facts.add(RuleHarness.patient("p", AGE_50));
    facts.add(visit);
    facts.add(diabetes());

    assertThat(cms122(facts)).hasSize(qualifies ? 1 : 0);
  }

  @Test
  void refutedDiabetes_doesNotCount() {
    List<Object> facts = patientWith(AGE_50);
    facts.removeIf(f -> f instanceof ConditionFact);
    facts.add(RuleHarness.condition("dm", RuleHarness.SNOMED, "44054006", "active", "refuted"));

    assertThat(cms122(facts)).isEmpty();
  }

  private static List<Object> patientWith(LocalDate birthDate, Object... more) {
    List<Object> facts = new ArrayList<>();
    facts.add(RuleHarness.patient("p", birthDate));
    facts.add(
        new EncounterFact(
            "visit",
            List.of(new Code(RuleHarness.SNOMED, "185463005")),
            RuleHarness.TERMINOLOGY.valueSetsContaining(RuleHarness.SNOMED, "185463005"),
            "finished",
            "AMB",
            LocalDate.of(2026, 3, 1),
            LocalDate.of(2026, 3, 1),
            null));
    facts.add(diabetes());
    facts.addAll(List.of(more));
    return facts;
  }

  private static ConditionFact diabetes() {
    return new ConditionFact(
        "dm",
        List.of(new Code(RuleHarness.SNOMED, "44054006")),
        RuleHarness.TERMINOLOGY.valueSetsContaining(RuleHarness.SNOMED, "44054006"),
        "active",
        null,
        LocalDate.of(2020, 1, 1),
        null,
        null);
  }

  private static ObservationFact hba1c(String id, LocalDate day, String value, String unit) {
    return observation(id, HBA1C, day, value, unit, true);
  }

  /** A final HbA1c (or GMI) reading; {@code hasValue} without a number is a coded value. */
  private static ObservationFact observation(
      String id, String code, LocalDate day, String value, String unit, boolean hasValue) {
    return new ObservationFact(
        id,
        List.of(new Code(RuleHarness.LOINC, code)),
        RuleHarness.TERMINOLOGY.valueSetsContaining(RuleHarness.LOINC, code),
        "final",
        day,
        value == null ? null : new BigDecimal(value),
        unit,
        Interval.day(day),
        List.of(
            new Code("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory")),
        hasValue,
        List.of(),
        Set.of());
  }

  private static List<Recommendation> cms122(List<Object> facts) {
    return RuleHarness.evaluate(AS_OF, facts).recommendations().stream()
        .filter(r -> "CMS122".equals(r.measure()))
        .toList();
  }

  private static List<String> codes(List<Recommendation> recommendations) {
    return recommendations.stream().map(Recommendation::code).toList();
  }
}
