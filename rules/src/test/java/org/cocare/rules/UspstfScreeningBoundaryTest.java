package org.cocare.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cocare.rules.model.GapClosed;
import org.cocare.rules.model.ObservationFact;
import org.cocare.rules.model.Parameters;
import org.cocare.rules.model.PatientFact;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Recommendation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Edges of the USPSTF reminders without an eCQM (uspstf.drl): every age limit and every window,
 * with each date computed from one as-of date so that the edge is exact.
 */
class UspstfScreeningBoundaryTest {
  private static final LocalDate AS_OF = LocalDate.of(2025, 6, 15);
  private static final String CURRENT_SMOKER = "449868002";
  private static final String FORMER_SMOKER = "8517006";

  // ---- ages ------------------------------------------------------------------------------------

  static Stream<Arguments> ages() {
    return Stream.of(
            ages("screening-lung", "male", 50, 80),
            ages("screening-aaa", "male", 65, 75),
            ages("screening-hcv", "female", 18, 79),
            ages("screening-hiv", "female", 15, 65),
            ages("screening-osteoporosis", "female", 65, 200),
            ages("screening-diabetes", "female", 35, 70))
        .flatMap(s -> s);
  }

  private static Stream<Arguments> ages(String code, String gender, int min, int max) {
    List<Arguments> edges = new ArrayList<>();
    edges.add(
        Arguments.of(code, gender, "turns " + min + " tomorrow", birth(min, 1), min - 1, false));
    edges.add(Arguments.of(code, gender, min + "th birthday today", birth(min, 0), min, true));
    if (max < 200) {
      edges.add(
          Arguments.of(
              code, gender, "turns " + (max + 1) + " tomorrow", birth(max + 1, 1), max, true));
      edges.add(
          Arguments.of(
              code, gender, (max + 1) + "th birthday today", birth(max + 1, 0), max + 1, false));
    } else {
      edges.add(Arguments.of(code, gender, "aged 95", birth(95, 0), 95, true));
    }
    return edges.stream();
  }

  private static LocalDate birth(int years, int daysLater) {
    return AS_OF.minusYears(years).plusDays(daysLater);
  }

  @ParameterizedTest(name = "{0} {1}, {2}: due {5}")
  @MethodSource("ages")
  void ageOnTheAsOfDate_decidesTheReminder(
      String code, String gender, String description, LocalDate birthDate, int age, boolean due) {
    PatientFact patient = new PatientFact("p", birthDate, gender, null, false);
    assertThat(patient.ageOn(AS_OF)).as("the case is what it says").isEqualTo(age);
    List<Object> facts = new ArrayList<>(List.of(patient));
    facts.addAll(riskFactsFor(code));

    List<Recommendation> reminders = only(code, RuleHarness.evaluate(AS_OF, facts));

    if (due) {
      assertThat(reminders)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.kind()).isEqualTo(Kind.SCREENING_REMINDER);
                assertThat(r.ruleId()).isEqualTo(code);
                assertThat(r.guideline()).startsWith("USPSTF ");
                assertThat(r.evidence()).contains("Patient/p");
                assertThat(r.due()).isEqualTo(AS_OF.plusDays(30));
              });
    } else {
      assertThat(reminders).isEmpty();
    }
  }

  /** What besides the age makes each reminder due: a smoking history, or a high BMI. */
  private static List<Object> riskFactsFor(String code) {
    return switch (code) {
      case "screening-lung" -> List.of(smokingStatus(CURRENT_SMOKER), packYears("30"));
      case "screening-aaa" -> List.of(smokingStatus(FORMER_SMOKER));
      case "screening-diabetes" -> List.of(bmi("27", AS_OF.minusMonths(1)));
      default -> List.of();
    };
  }

  @Test
  void man70_getsAaaButAWomanDoesNot() {
    List<Object> smoking = List.of(smokingStatus(FORMER_SMOKER));

    assertThat(only("screening-aaa", evaluate(man(70), smoking))).hasSize(1);
    assertThat(only("screening-aaa", evaluate(woman(70), smoking))).isEmpty();
    assertThat(only("screening-aaa", evaluate(man(70), List.of(smokingStatus("266919005")))))
        .as("never smoked")
        .isEmpty();
  }

  @Test
  void sexExtension_takesPrecedenceOverGender() {
    PatientFact femaleBySex =
        new PatientFact("p", AS_OF.minusYears(70), "male", null, false, "248152002");

    RuleHarness.Output output =
        RuleHarness.evaluate(AS_OF, List.of(femaleBySex, smokingStatus(FORMER_SMOKER)));

    assertThat(only("screening-aaa", output)).isEmpty();
    assertThat(only("screening-osteoporosis", output)).hasSize(1);
  }

  @Test
  void woman64_getsNoOsteoporosisReminderAndAMan67NeitherDoes() {
    assertThat(only("screening-osteoporosis", evaluate(woman(64), List.of()))).isEmpty();
    assertThat(only("screening-osteoporosis", evaluate(man(67), List.of()))).isEmpty();
  }

  // ---- lung: smoking history -------------------------------------------------------------------

  @ParameterizedTest(name = "{0} pack-years: due {1}")
  @CsvSource({"19.9, false", "20, true", "20.0, true", "45, true"})
  void packYears_decideTheLungReminder(String packs, boolean due) {
    List<Recommendation> lung =
        only(
            "screening-lung",
            evaluate(man(62), List.of(smokingStatus(CURRENT_SMOKER), packYears(packs))));

    assertThat(lung).hasSize(due ? 1 : 0);
  }

  @Test
  void latestPackYearsBelowThreshold_outweighsAnOlderHigherOne() {
    ObservationFact older =
        RuleHarness.observation(
            "packs-old",
            RuleHarness.SNOMED,
            "401201003",
            "final",
            AS_OF.minusYears(2),
            new BigDecimal("30"),
            (String) null,
            (String) null,
            (LocalDate) null);

    assertThat(
            only(
                "screening-lung",
                evaluate(man(62), List.of(smokingStatus(CURRENT_SMOKER), older, packYears("10")))))
        .isEmpty();
  }

  static Stream<Arguments> quitDates() {
    return Stream.of(
        Arguments.of("exactly 15 years before", AS_OF.minusYears(15), true),
        Arguments.of("15 years and 1 day before", AS_OF.minusYears(15).minusDays(1), false),
        Arguments.of("last year", AS_OF.minusYears(1), true),
        Arguments.of("unknown", null, true));
  }

  @ParameterizedTest(name = "former smoker who quit {0}: due {2}")
  @MethodSource("quitDates")
  void quitDate_decidesTheLungReminderOfAFormerSmoker(
      String description, LocalDate quit, boolean due) {
    List<Object> facts = new ArrayList<>(List.of(smokingStatus(FORMER_SMOKER), packYears("25")));
    if (quit != null) {
      facts.add(
          RuleHarness.observation(
              "quit",
              RuleHarness.LOINC,
              "74010-0",
              "final",
              AS_OF.minusDays(3),
              null,
              null,
              null,
              quit));
    }

    List<Recommendation> lung = only("screening-lung", evaluate(man(62), facts));

    if (due) {
      assertThat(lung)
          .singleElement()
          .satisfies(
              r ->
                  assertThat(r.evidence())
                      .containsAll(
                          List.of("Patient/p", "Observation/status", "Observation/packs")));
    } else {
      assertThat(lung).isEmpty();
    }
  }

  @Test
  void currentSmokerNowAfterBeingFormer_readsTheLatestStatus() {
    ObservationFact formerLongAgo =
        RuleHarness.observation(
            "status-old",
            RuleHarness.LOINC,
            "72166-2",
            "final",
            AS_OF.minusYears(3),
            null,
            RuleHarness.SNOMED,
            FORMER_SMOKER,
            null);
    ObservationFact quit =
        RuleHarness.observation(
            "quit",
            RuleHarness.LOINC,
            "74010-0",
            "final",
            AS_OF.minusYears(3),
            null,
            null,
            null,
            AS_OF.minusYears(20));
    List<Object> facts =
        List.of(formerLongAgo, quit, smokingStatus(CURRENT_SMOKER), packYears("30"));

    assertThat(only("screening-lung", evaluate(man(62), facts))).hasSize(1);
  }

  static Stream<Arguments> lowDoseCts() {
    return Stream.of(
        Arguments.of("exactly 12 months before", AS_OF.minusMonths(12), true),
        Arguments.of("12 months and 1 day before", AS_OF.minusMonths(12).minusDays(1), false),
        Arguments.of("on the as-of date", AS_OF, true),
        Arguments.of("the day after the as-of date", AS_OF.plusDays(1), false));
  }

  @ParameterizedTest(name = "low-dose CT {0}: closed {2}")
  @MethodSource("lowDoseCts")
  void lowDoseCtDate_decidesWhetherTheLungGapCloses(
      String description, LocalDate performed, boolean closed) {
    RuleHarness.Output output =
        evaluate(
            man(62),
            List.of(
                smokingStatus(CURRENT_SMOKER),
                packYears("30"),
                RuleHarness.procedure("ldct", RuleHarness.CPT, "71271", "completed", performed)));

    assertGap(output, "screening-lung", closed, "Procedure/ldct");
  }

  // ---- osteoporosis and diabetes windows -------------------------------------------------------

  static Stream<Arguments> dxaScans() {
    return Stream.of(
        Arguments.of("exactly 2 years before", AS_OF.minusYears(2), true),
        Arguments.of("2 years and 1 day before", AS_OF.minusYears(2).minusDays(1), false));
  }

  @ParameterizedTest(name = "DXA {0}: closed {2}")
  @MethodSource("dxaScans")
  void dxaDate_decidesWhetherTheOsteoporosisGapCloses(
      String description, LocalDate performed, boolean closed) {
    RuleHarness.Output output =
        evaluate(
            woman(67),
            List.of(
                RuleHarness.procedure("dxa", RuleHarness.CPT, "77081", "completed", performed)));

    assertGap(output, "screening-osteoporosis", closed, "Procedure/dxa");
  }

  @ParameterizedTest(name = "BMI {0}: due {1}")
  @CsvSource({"24.9, false", "24.99, false", "25, true", "25.0, true", "31.2, true"})
  void bmi_decidesTheDiabetesReminder(String value, boolean due) {
    assertThat(
            only(
                "screening-diabetes",
                evaluate(woman(45), List.of(bmi(value, AS_OF.minusMonths(1))))))
        .hasSize(due ? 1 : 0);
  }

  static Stream<Arguments> bmiDates() {
    return Stream.of(
        Arguments.of("exactly 2 years before", AS_OF.minusYears(2), true),
        Arguments.of("2 years and 1 day before", AS_OF.minusYears(2).minusDays(1), false));
  }

  @ParameterizedTest(name = "BMI of 27 {0}: due {2}")
  @MethodSource("bmiDates")
  void bmiDate_mustLieWithinTwoYears(String description, LocalDate effective, boolean due) {
    List<Recommendation> diabetes =
        only("screening-diabetes", evaluate(woman(45), List.of(bmi("27", effective))));

    if (due) {
      assertThat(diabetes)
          .singleElement()
          .satisfies(r -> assertThat(r.evidence()).containsExactly("Patient/p", "Observation/bmi"));
    } else {
      assertThat(diabetes).isEmpty();
    }
  }

  static Stream<Arguments> glycaemicTests() {
    return Stream.of(
        Arguments.of("4548-4", "exactly 3 years before", AS_OF.minusYears(3), true),
        Arguments.of("4548-4", "3 years and 1 day before", AS_OF.minusYears(3).minusDays(1), false),
        Arguments.of("1558-6", "exactly 3 years before", AS_OF.minusYears(3), true),
        Arguments.of(
            "1558-6", "3 years and 1 day before", AS_OF.minusYears(3).minusDays(1), false));
  }

  @ParameterizedTest(name = "LOINC {0} {1}: closed {3}")
  @MethodSource("glycaemicTests")
  void glycaemicTestDate_decidesWhetherTheDiabetesGapCloses(
      String loinc, String description, LocalDate effective, boolean closed) {
    RuleHarness.Output output =
        evaluate(
            woman(45),
            List.of(
                bmi("27", AS_OF.minusMonths(1)),
                RuleHarness.observation("test", RuleHarness.LOINC, loinc, "final", effective)));

    assertGap(output, "screening-diabetes", closed, "Observation/test");
  }

  // ---- what counts as done, and which diagnoses exclude ----------------------------------------

  @ParameterizedTest(name = "HIV test with status {0}: closed {1}")
  @CsvSource({
    "final, true",
    "amended, true",
    "corrected, true",
    "preliminary, false",
    "cancelled, false"
  })
  void onlyFinalResults_closeTheHivGap(String status, boolean closed) {
    RuleHarness.Output output =
        evaluate(
            woman(30),
            List.of(
                RuleHarness.observation(
                    "hiv", RuleHarness.LOINC, "7917-8", status, AS_OF.minusYears(4))));

    assertThat(output.gapsClosed().contains(new GapClosed("screening-hiv", "Observation/hiv")))
        .isEqualTo(closed);
    assertThat(only("screening-hiv", output)).hasSize(closed ? 0 : 1);
  }

  @ParameterizedTest(name = "AAA ultrasound with status {0}: closed {1}")
  @CsvSource({"completed, true", "in-progress, false", "not-done, false"})
  void onlyCompletedProcedures_closeTheAaaGap(String status, boolean closed) {
    RuleHarness.Output output =
        evaluate(
            man(70),
            List.of(
                smokingStatus(FORMER_SMOKER),
                RuleHarness.procedure(
                    "us", RuleHarness.CPT, "76706", status, AS_OF.minusYears(6))));

    assertThat(only("screening-aaa", output)).hasSize(closed ? 0 : 1);
  }

  @ParameterizedTest(name = "hepatitis C {0}/{1}: excluded {2}")
  @CsvSource(
      nullValues = "-",
      value = {
        "active, confirmed, true",
        "active, -, true",
        "-, -, true",
        "active, unconfirmed, false",
        "active, provisional, false",
        "active, refuted, false",
        "resolved, confirmed, false",
        "inactive, confirmed, false"
      })
  void onlyActiveConfirmedDiagnoses_exclude(
      String clinicalStatus, String verificationStatus, boolean excluded) {
    RuleHarness.Output output =
        evaluate(
            woman(30),
            List.of(
                RuleHarness.condition(
                    "hcv", RuleHarness.SNOMED, "50711007", clinicalStatus, verificationStatus)));

    assertThat(only("screening-hcv", output)).hasSize(excluded ? 0 : 1);
  }

  @Test
  void lungCancerBySnomed_excludesTheLungReminder() {
    assertThat(
            only(
                "screening-lung",
                evaluate(
                    man(62),
                    List.of(
                        smokingStatus(CURRENT_SMOKER),
                        packYears("30"),
                        RuleHarness.condition(
                            "ca", RuleHarness.SNOMED, "363358000", "active", "confirmed")))))
        .isEmpty();
  }

  // ---- parameters ------------------------------------------------------------------------------

  @Test
  void maxAgeParameter_movesTheHivEdge() {
    List<Object> facts = List.of(woman(66));

    assertThat(only("screening-hiv", RuleHarness.evaluate(AS_OF, facts))).isEmpty();
    assertThat(
            only(
                "screening-hiv",
                RuleHarness.evaluate(AS_OF, facts, with("uspstf.hiv.max-age", "70"))))
        .hasSize(1);
  }

  @Test
  void dueDaysParameter_setsTheDueDate() {
    assertThat(
            only(
                "screening-hcv",
                RuleHarness.evaluate(AS_OF, List.of(woman(30)), with("uspstf.due-days", "0"))))
        .singleElement()
        .extracting(Recommendation::due)
        .isEqualTo(AS_OF);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static PatientFact man(int age) {
    return new PatientFact("p", AS_OF.minusYears(age).minusMonths(2), "male", null, false);
  }

  private static PatientFact woman(int age) {
    return new PatientFact("p", AS_OF.minusYears(age).minusMonths(2), "female", null, false);
  }

  private static ObservationFact smokingStatus(String snomed) {
    return RuleHarness.observation(
        "status",
        RuleHarness.LOINC,
        "72166-2",
        "final",
        AS_OF.minusMonths(1),
        null,
        RuleHarness.SNOMED,
        snomed,
        null);
  }

  private static ObservationFact packYears(String value) {
    return RuleHarness.observation(
        "packs",
        RuleHarness.SNOMED,
        "401201003",
        "final",
        AS_OF.minusMonths(1),
        new BigDecimal(value),
        (String) null,
        (String) null,
        (LocalDate) null);
  }

  private static ObservationFact bmi(String value, LocalDate effective) {
    return RuleHarness.observation(
        "bmi",
        RuleHarness.LOINC,
        "39156-5",
        "final",
        effective,
        new BigDecimal(value),
        (String) null,
        (String) null,
        (LocalDate) null);
  }

  private static RuleHarness.Output evaluate(PatientFact patient, List<Object> facts) {
    List<Object> all = new ArrayList<>(facts);
    all.add(patient);
    return RuleHarness.evaluate(AS_OF, all);
  }

  private static void assertGap(
      RuleHarness.Output output, String code, boolean closed, String evidence) {
    if (closed) {
      assertThat(output.gapsClosed()).contains(new GapClosed(code, evidence));
      assertThat(only(code, output)).isEmpty();
    } else {
      assertThat(output.gapsClosed()).doesNotContain(new GapClosed(code, evidence));
      assertThat(only(code, output))
          .singleElement()
          .extracting(Recommendation::code)
          .isEqualTo(code);
    }
  }

  private static List<Recommendation> only(String code, RuleHarness.Output output) {
    return output.recommendations().stream().filter(r -> r.code().equals(code)).toList();
  }

  private static Parameters with(String name, String value) {
    Map<String, String> values = new HashMap<>(RuleHarness.RULE_SET.parameters().values());
    values.put(name, value);
    return new Parameters(values);
  }
}
