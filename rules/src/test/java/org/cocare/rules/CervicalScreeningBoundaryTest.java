package org.cocare.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cocare.rules.model.Code;
import org.cocare.rules.model.EncounterFact;
import org.cocare.rules.model.ObservationFact;
import org.cocare.rules.model.PatientFact;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Recommendation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Edges of CMS124 (MEASURES.md §5): women 24..64 at the end of the measurement period with a
 * qualifying visit; cytology in the period or the two years before, or an HPV test at age 30 or
 * older in the period or the four years before, closes the gap. Evaluated as of the end of MP 2026.
 */
class CervicalScreeningBoundaryTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 12, 31);
  private static final String CODE = "screening-cervical";
  private static final String FEMALE = "248152002";
  private static final LocalDate AGE_45 = LocalDate.of(1981, 6, 1);
  private static final String OFFICE_VISIT = "185349003";
  private static final String ANNUAL_WELLNESS_VISIT = "444971000124105";
  private static final String PAP = "10524-7";
  private static final String HPV = "21440-3";

  static Stream<Arguments> ages() {
    return Stream.of(
        Arguments.of("23, turns 24 on Jan 1 after the MP", LocalDate.of(2003, 1, 1), false),
        Arguments.of("24th birthday on the last day of the MP", LocalDate.of(2002, 12, 31), true),
        Arguments.of("64 at the end of the MP", LocalDate.of(1962, 1, 1), true),
        Arguments.of("65th birthday on the last day of the MP", LocalDate.of(1961, 12, 31), false));
  }

  @ParameterizedTest(name = "{0}: due {2}")
  @MethodSource("ages")
  void ageAtTheEndOfTheMeasurementPeriod_decidesTheReminder(
      String description, LocalDate birthDate, boolean due) {
    List<Recommendation> reminders =
        cervical(RuleHarness.evaluate(AS_OF, visit(birthDate, OFFICE_VISIT)));

    if (due) {
      assertThat(reminders)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.kind()).isEqualTo(Kind.SCREENING_REMINDER);
                assertThat(r.measure()).isEqualTo("CMS124");
                assertThat(r.evidence()).containsExactly("Patient/p");
                assertThat(r.due()).isEqualTo(AS_OF.plusDays(30));
              });
    } else {
      assertThat(reminders).isEmpty();
    }
  }

  @Test
  void annualWellnessVisitAlone_isNotAQualifyingEncounter() {
    assertThat(cervical(RuleHarness.evaluate(AS_OF, visit(AGE_45, ANNUAL_WELLNESS_VISIT))))
        .isEmpty();
  }

  static Stream<Arguments> cytologies() {
    return Stream.of(
        Arguments.of(
            "on Dec 31 three years before the MP", LocalDate.of(2023, 12, 31), true, false),
        Arguments.of("on Jan 1 two years before the MP", LocalDate.of(2024, 1, 1), true, true),
        Arguments.of("on the last day of the MP", LocalDate.of(2026, 12, 31), true, true),
        Arguments.of("on Jan 1 after the MP", LocalDate.of(2027, 1, 1), true, false),
        Arguments.of("in the MP without a result", LocalDate.of(2026, 6, 1), false, false));
  }

  @ParameterizedTest(name = "cytology {0}: closed {3}")
  @MethodSource("cytologies")
  void cytologyDateAndResult_decideWhetherTheGapCloses(
      String description, LocalDate effective, boolean withValue, boolean closed) {
    List<Object> facts = new ArrayList<>(visit(AGE_45, OFFICE_VISIT));
    facts.add(test(PAP, effective, withValue));

    assertThat(cervical(RuleHarness.evaluate(AS_OF, facts))).hasSize(closed ? 0 : 1);
  }

  static Stream<Arguments> hpvTests() {
    return Stream.of(
        Arguments.of("on Dec 31 five years before", AGE_45, LocalDate.of(2021, 12, 31), false),
        Arguments.of("on Jan 1 four years before", AGE_45, LocalDate.of(2022, 1, 1), true),
        Arguments.of(
            "the day before the 30th birthday", LocalDate.of(1994, 3, 2), d(2024, 3, 1), false),
        Arguments.of("on the 30th birthday", LocalDate.of(1994, 3, 1), d(2024, 3, 1), true));
  }

  @ParameterizedTest(name = "HPV test {0}: closed {3}")
  @MethodSource("hpvTests")
  void hpvDateAndAgeAtTheTest_decideWhetherTheGapCloses(
      String description, LocalDate birthDate, LocalDate effective, boolean closed) {
    List<Object> facts = new ArrayList<>(visit(birthDate, OFFICE_VISIT));
    facts.add(test(HPV, effective, true));

    assertThat(cervical(RuleHarness.evaluate(AS_OF, facts))).hasSize(closed ? 0 : 1);
  }

  @Test
  void hysterectomyBeforeTheEndOfTheMeasurementPeriod_excludes() {
    List<Object> facts = new ArrayList<>(visit(AGE_45, OFFICE_VISIT));
    facts.add(
        RuleHarness.procedure(
            "hyst", RuleHarness.SNOMED, "116140006", "completed", LocalDate.of(2015, 5, 5)));

    assertThat(cervical(RuleHarness.evaluate(AS_OF, facts))).isEmpty();
  }

  private static LocalDate d(int year, int month, int day) {
    return LocalDate.of(year, month, day);
  }

  private static List<Object> visit(LocalDate birthDate, String encounterCode) {
    LocalDate day = LocalDate.of(2026, 3, 1);
    return List.of(
        new PatientFact("p", birthDate, "female", null, false, FEMALE),
        new EncounterFact(
            "e1",
            List.of(new Code(RuleHarness.SNOMED, encounterCode)),
            RuleHarness.TERMINOLOGY.valueSetsContaining(RuleHarness.SNOMED, encounterCode),
            "finished",
            "AMB",
            day,
            day,
            null));
  }

  private static ObservationFact test(String loinc, LocalDate effective, boolean withValue) {
    ObservationFact observation =
        RuleHarness.observation("t", RuleHarness.LOINC, loinc, "final", effective);
    return withValue
        ? new ObservationFact(
            observation.id(),
            observation.codes(),
            observation.valueSets(),
            observation.status(),
            effective,
            BigDecimal.ONE,
            null)
        : observation;
  }

  private static List<Recommendation> cervical(RuleHarness.Output output) {
    return output.recommendations().stream().filter(r -> r.code().equals(CODE)).toList();
  }
}
