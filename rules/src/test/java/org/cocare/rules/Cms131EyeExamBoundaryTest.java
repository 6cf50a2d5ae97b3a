package org.cocare.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cocare.rules.model.Code;
import org.cocare.rules.model.ConditionFact;
import org.cocare.rules.model.DeviceRequestFact;
import org.cocare.rules.model.EncounterFact;
import org.cocare.rules.model.Interval;
import org.cocare.rules.model.MedicationFact;
import org.cocare.rules.model.ObservationFact;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Recommendation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Edges of CMS131 (2024 logic, MEASURES.md §7 and §10.1): a diabetic 18-75 with a visit in the MP
 * gets a reminder unless a retinal or dilated eye exam lies in the MP, or in the year before it
 * when there is no diabetic retinopathy.
 */
class Cms131EyeExamBoundaryTest {
  private static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);
  private static final LocalDate AGE_50 = LocalDate.of(1975, 6, 1);
  private static final LocalDate AGE_70 = LocalDate.of(1955, 6, 1);
  private static final String CATEGORY =
      "http://terminology.hl7.org/CodeSystem/observation-category";

  @Test
  void noExam_remindsOnce() {
    assertThat(cms131(patientWith(AGE_50)))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.code()).isEqualTo("diabetes-eye-exam");
              assertThat(r.kind()).isEqualTo(Kind.SCREENING_REMINDER);
              assertThat(r.due()).isEqualTo(AS_OF.plusDays(30));
            });
  }

  @ParameterizedTest(name = "exam on {0}, retinopathy {1}: closed {2}")
  @CsvSource({
    "2023-12-31, false, false",
    "2024-01-01, false, true",
    "2025-12-31, false, true",
    "2026-01-01, false, false",
    "2024-12-31, true, false",
    "2025-01-01, true, true",
    "2025-12-31, true, true",
  })
  void examWindow_isTheMpAndTheYearBefore_onlyWithoutRetinopathy(
      LocalDate day, boolean retinopathy, boolean closed) {
    List<Object> facts = patientWith(AGE_50, eyeExam("exam", day, "exam"));
    if (retinopathy) {
      facts.add(condition("dr", RuleHarness.ICD10, "E08.319", LocalDate.of(2024, 6, 1)));
    }

    assertThat(cms131(facts)).hasSize(closed ? 0 : 1);
  }

  @Test
  void examWithoutExamCategory_doesNotCount() {
    assertThat(cms131(patientWith(AGE_50, eyeExam("exam", LocalDate.of(2025, 5, 1), "imaging"))))
        .hasSize(1);
  }

  @ParameterizedTest(name = "born {0}: in the population {1}")
  @CsvSource({"2008-01-01, false", "2007-12-31, true", "1950-01-01, true", "1949-12-31, false"})
  void ageAtTheEndOfThePeriod_18to75(LocalDate birthDate, boolean eligible) {
    assertThat(cms131(patientWith(birthDate))).hasSize(eligible ? 1 : 0);
  }

  @ParameterizedTest(name = "visit {0}: qualifies {1}")
  @CsvSource({
    "finished, true",
    "arrived, true",
    "triaged, true",
    "in-progress, true",
    "onleave, true",
    "planned, false",
    "cancelled, false"
  })
  void visitStatus_the2024PerformedStatusesCount(String status, boolean qualifies) {
    List<Object> facts = patientWith(AGE_50);
    facts.removeIf(f -> f instanceof EncounterFact);
    facts.add(visit("v", status, "185463005"));

    assertThat(cms131(facts)).hasSize(qualifies ? 1 : 0);
  }

  @Test
  void refutedDiabetes_stillCounts_as2024LogicReadsNoVerification() {
    List<Object> facts = patientWith(AGE_50);
    facts.removeIf(f -> f instanceof ConditionFact);
    facts.add(
        new ConditionFact(
            "dm",
            List.of(new Code(RuleHarness.SNOMED, "44054006")),
            RuleHarness.TERMINOLOGY.valueSetsContaining(RuleHarness.SNOMED, "44054006"),
            "active",
            "refuted",
            LocalDate.of(2020, 1, 1),
            null,
            null));

    assertThat(cms131(facts)).hasSize(1);
  }

  @ParameterizedTest(name = "frailty device order doNotPerform={0}: excluded {1}")
  @CsvSource({"false, true", "true, false"})
  void frailDementiaPatient_excludedOnlyByADeviceThatIsOrdered(
      boolean doNotPerform, boolean excluded) {
    List<Object> facts =
        patientWith(
            AGE_70,
            new DeviceRequestFact(
                "walker",
                List.of(new Code(RuleHarness.SNOMED, "466986006")),
                RuleHarness.TERMINOLOGY.valueSetsContaining(RuleHarness.SNOMED, "466986006"),
                "completed",
                "order",
                LocalDate.of(2025, 11, 1),
                doNotPerform),
            dementiaMedication("order"));

    assertThat(cms131(facts)).hasSize(excluded ? 0 : 1);
  }

  @ParameterizedTest(name = "dementia medication intent {0}: excluded {1}")
  @CsvSource({"order, true", "original-order, false", "plan, false"})
  void dementiaMedication_needsIntentExactlyOrder(String intent, boolean excluded) {
    List<Object> facts =
        patientWith(
            AGE_70,
            condition("frail", RuleHarness.SNOMED, "10637031000119106", LocalDate.of(2025, 3, 1)),
            dementiaMedication(intent));

    assertThat(cms131(facts)).hasSize(excluded ? 0 : 1);
  }

  @ParameterizedTest(name = "FACIT-Pal with category {0}")
  @ValueSource(strings = {"survey", "exam"})
  void palliativeAssessment_excludesOnlyAsASurvey(String category) {
    ObservationFact facitPal =
        new ObservationFact(
            "facit",
            List.of(new Code(RuleHarness.LOINC, "71007-9")),
            Set.of(),
            "final",
            LocalDate.of(2025, 5, 1),
            null,
            null,
            null,
            List.of(new Code(CATEGORY, category)),
            false,
            List.of(),
            Set.of());

    assertThat(cms131(patientWith(AGE_50, facitPal))).hasSize(category.equals("survey") ? 0 : 1);
  }

  private static List<Object> patientWith(LocalDate birthDate, Object... more) {
    List<Object> facts = new ArrayList<>();
    facts.add(RuleHarness.patient("p", birthDate));
    facts.add(visit("visit", "finished", "185463005"));
    facts.add(condition("dm", RuleHarness.SNOMED, "44054006", LocalDate.of(2020, 1, 1)));
    facts.addAll(List.of(more));
    return facts;
  }

  private static EncounterFact visit(String id, String status, String code) {
    return new EncounterFact(
        id,
        List.of(new Code(RuleHarness.SNOMED, code)),
        RuleHarness.TERMINOLOGY.valueSetsContaining(RuleHarness.SNOMED, code),
        status,
        "AMB",
        LocalDate.of(2025, 3, 1),
        LocalDate.of(2025, 3, 1),
        null);
  }

  private static ConditionFact condition(String id, String system, String code, LocalDate onset) {
    return new ConditionFact(
        id,
        List.of(new Code(system, code)),
        RuleHarness.TERMINOLOGY.valueSetsContaining(system, code),
        "active",
        null,
        onset,
        null,
        null);
  }

  private static ObservationFact eyeExam(String id, LocalDate day, String category) {
    return new ObservationFact(
        id,
        List.of(new Code(RuleHarness.SNOMED, "252779009")),
        RuleHarness.TERMINOLOGY.valueSetsContaining(RuleHarness.SNOMED, "252779009"),
        "final",
        day,
        null,
        null,
        Interval.day(day),
        List.of(new Code(CATEGORY, category)),
        false,
        List.of(),
        Set.of());
  }

  private static MedicationFact dementiaMedication(String intent) {
    String rxnorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    return new MedicationFact(
        "donepezil",
        List.of(new Code(rxnorm, "1100184")),
        RuleHarness.TERMINOLOGY.valueSetsContaining(rxnorm, "1100184"),
        "active",
        intent,
        LocalDate.of(2025, 2, 1),
        Interval.of(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 4, 1)));
  }

  private static List<Recommendation> cms131(List<Object> facts) {
    return RuleHarness.evaluate(AS_OF, facts).recommendations().stream()
        .filter(r -> "CMS131".equals(r.measure()))
        .toList();
  }
}
