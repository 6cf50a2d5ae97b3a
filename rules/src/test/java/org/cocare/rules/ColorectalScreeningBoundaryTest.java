package org.cocare.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cocare.rules.model.GapClosed;
import org.cocare.rules.model.Parameters;
import org.cocare.rules.model.PatientFact;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Priority;
import org.cocare.rules.recommendation.Recommendation;
import org.cocare.rules.ruleset.DecisionTable;
import org.cocare.rules.ruleset.RuleBase;
import org.cocare.rules.ruleset.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Edges of colorectal screening (USPSTF 2021, ages 45 to 75 in the decision table
 * screening-age-bands.drl.csv; colonoscopy within 10 years, stool test within 12 months), with
 * every date computed from one as-of date so the edge is exact.
 */
class ColorectalScreeningBoundaryTest {
  private static final LocalDate AS_OF = LocalDate.of(2025, 6, 15);
  private static final String CODE = "screening-colorectal";
  private static final LocalDate AGE_58 = AS_OF.minusYears(58).minusMonths(3);
  private static final String AGE_BANDS = "screening-age-bands.drl.csv";
  private static final Parameters PARAMETERS = RuleHarness.RULE_SET.parameters();

  static Stream<Arguments> ages() {
    return Stream.of(
        Arguments.of("44, turns 45 tomorrow", AS_OF.minusYears(45).plusDays(1), 44, false),
        Arguments.of("44th birthday today", AS_OF.minusYears(44), 44, false),
        Arguments.of("45th birthday today", AS_OF.minusYears(45), 45, true),
        Arguments.of("75th birthday today", AS_OF.minusYears(75), 75, true),
        Arguments.of("75, turns 76 tomorrow", AS_OF.minusYears(76).plusDays(1), 75, true),
        Arguments.of("76th birthday today", AS_OF.minusYears(76), 76, false),
        Arguments.of("birth date unknown", null, -1, false));
  }

  @ParameterizedTest(name = "{0}: due {3}")
  @MethodSource("ages")
  void ageOnTheAsOfDate_decidesTheReminder(
      String description, LocalDate birthDate, int age, boolean due) {
    PatientFact patient = RuleHarness.patient("p", birthDate);
    assertThat(patient.ageOn(AS_OF)).as("the case is what it says").isEqualTo(age);

    List<Recommendation> reminders = colorectal(RuleHarness.evaluate(AS_OF, List.of(patient)));

    if (due) {
      assertThat(reminders)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.kind()).isEqualTo(Kind.SCREENING_REMINDER);
                assertThat(r.ruleId()).isEqualTo(CODE);
                assertThat(r.evidence()).containsExactly("Patient/p");
                assertThat(r.due()).isEqualTo(AS_OF.plusDays(30));
                assertThat(r.priority()).isEqualTo(Priority.ROUTINE);
                assertThat(r.reason()).contains("45 to 75");
              });
    } else {
      assertThat(reminders).isEmpty();
    }
  }

  static Stream<Arguments> colonoscopies() {
    return Stream.of(
        Arguments.of("exactly 10 years before", AS_OF.minusYears(10), true),
        Arguments.of("10 years and 1 day before", AS_OF.minusYears(10).minusDays(1), false),
        Arguments.of("on the as-of date", AS_OF, true),
        Arguments.of("the day after the as-of date", AS_OF.plusDays(1), false),
        Arguments.of("no date", null, false));
  }

  @ParameterizedTest(name = "colonoscopy {0}: closed {2}")
  @MethodSource("colonoscopies")
  void colonoscopyDate_decidesWhetherTheGapCloses(
      String description, LocalDate performed, boolean closed) {
    RuleHarness.Output output =
        RuleHarness.evaluate(
            AS_OF,
            List.of(
                RuleHarness.patient("p", AGE_58),
                RuleHarness.procedure(
                    "colo", RuleHarness.SNOMED, "73761001", "completed", performed)));

    assertGap(output, closed, "Procedure/colo");
  }

  static Stream<Arguments> stoolTests() {
    return Stream.of(
        Arguments.of("exactly 12 months before", AS_OF.minusMonths(12), true),
        Arguments.of("12 months and 1 day before", AS_OF.minusMonths(12).minusDays(1), false),
        Arguments.of("on the as-of date", AS_OF, true),
        Arguments.of("the day after the as-of date", AS_OF.plusDays(1), false));
  }

  @ParameterizedTest(name = "stool test {0}: closed {2}")
  @MethodSource("stoolTests")
  void stoolTestDate_decidesWhetherTheGapCloses(
      String description, LocalDate effective, boolean closed) {
    RuleHarness.Output output =
        RuleHarness.evaluate(
            AS_OF,
            List.of(
                RuleHarness.patient("p", AGE_58),
                RuleHarness.observation("fit", RuleHarness.LOINC, "29771-3", "final", effective)));

    assertGap(output, closed, "Observation/fit");
  }

  @ParameterizedTest(name = "colon cancer, verification {0}: excluded {1}")
  @CsvSource(
      nullValues = "-",
      value = {
        "confirmed, true",
        "unconfirmed, true",
        "provisional, true",
        "-, true",
        "refuted, false",
        "entered-in-error, false"
      })
  void colonCancerVerification_decidesTheExclusion(String verificationStatus, boolean excluded) {
    RuleHarness.Output output =
        RuleHarness.evaluate(
            AS_OF,
            List.of(
                RuleHarness.patient("p", AGE_58),
                RuleHarness.condition(
                    "crc", RuleHarness.SNOMED, "363406005", "active", verificationStatus)));

    assertThat(colorectal(output)).hasSize(excluded ? 0 : 1);
  }

  @Test
  void tableMinimumAgeRaisedTo50_leaves47YearOldWithoutReminder() {
    List<Object> facts = List.of(RuleHarness.patient("p", AS_OF.minusYears(47)));
    RuleBase raised = RuleHarness.compile(withColorectalMinimumAge(RuleHarness.RULE_SET, "50"));

    assertThat(colorectal(RuleHarness.evaluate(AS_OF, facts))).hasSize(1);
    assertThat(colorectal(RuleHarness.evaluate(raised, AS_OF, facts, PARAMETERS))).isEmpty();
  }

  @Test
  void tableMinimumAgeLoweredTo40_reminds42YearOld_andBackTo45_doesNotAgain() {
    List<Object> facts = List.of(RuleHarness.patient("p", AS_OF.minusYears(42)));
    RuleSet lowered = withColorectalMinimumAge(RuleHarness.RULE_SET, "40");
    RuleSet restored = withColorectalMinimumAge(lowered, "45");

    assertThat(colorectal(RuleHarness.evaluate(AS_OF, facts))).isEmpty();
    assertThat(
            colorectal(
                RuleHarness.evaluate(RuleHarness.compile(lowered), AS_OF, facts, PARAMETERS)))
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).startsWith("Aged 40 to 75 "));
    assertThat(
            colorectal(
                RuleHarness.evaluate(RuleHarness.compile(restored), AS_OF, facts, PARAMETERS)))
        .isEmpty();
    assertThat(restored.contentHash())
        .as("changing the cell back restores the table byte for byte")
        .isEqualTo(RuleHarness.RULE_SET.contentHash());
  }

  @Test
  void dueDaysParameter_setsTheDueDate() {
    List<Object> facts = List.of(RuleHarness.patient("p", AGE_58));

    assertThat(colorectal(RuleHarness.evaluate(AS_OF, facts, with("colorectal.due-days", "0"))))
        .singleElement()
        .extracting(Recommendation::due)
        .isEqualTo(AS_OF);
  }

  @Test
  void missingParameter_failsTheEvaluationNamingIt() {
    Map<String, String> values = new HashMap<>(RuleHarness.RULE_SET.parameters().values());
    values.remove("colorectal.due-days");
    List<Object> facts = List.of(RuleHarness.patient("p", AGE_58));

    assertThatThrownBy(() -> RuleHarness.evaluate(AS_OF, facts, new Parameters(values)))
        .rootCause()
        .hasMessageContaining("'colorectal.due-days'");
  }

  private static void assertGap(RuleHarness.Output output, boolean closed, String evidence) {
    if (closed) {
      assertThat(output.gapsClosed()).containsExactly(new GapClosed(CODE, evidence));
      assertThat(colorectal(output)).isEmpty();
    } else {
      assertThat(output.gapsClosed()).isEmpty();
      assertThat(colorectal(output))
          .singleElement()
          .extracting(Recommendation::code)
          .isEqualTo(CODE);
    }
  }

  private static List<Recommendation> colorectal(RuleHarness.Output output) {
    return output.recommendations().stream().filter(r -> r.code().equals(CODE)).toList();
  }

  /** The rule set with the colorectal row's "Minimum age" cell of the age-band table changed. */
  private static RuleSet withColorectalMinimumAge(RuleSet ruleSet, String age) {
    DecisionTable table = DecisionTable.of(ruleSet, AGE_BANDS);
    int row =
        table.rows().stream()
            .filter(r -> table.cell(r.number(), "Rule").equals("classify-colorectal-eligible"))
            .findFirst()
            .orElseThrow()
            .number();
    TreeMap<String, String> files = new TreeMap<>(ruleSet.files());
    files.put(AGE_BANDS, table.withCell(row, "Minimum age", age));
    return new RuleSet(ruleSet.name(), ruleSet.version(), files);
  }

  private static Parameters with(String name, String value) {
    Map<String, String> values = new HashMap<>(RuleHarness.RULE_SET.parameters().values());
    values.put(name, value);
    return new Parameters(values);
  }
}
