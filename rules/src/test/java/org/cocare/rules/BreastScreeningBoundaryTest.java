package org.cocare.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.cocare.rules.model.Code;
import org.cocare.rules.model.ConditionFact;
import org.cocare.rules.model.EncounterFact;
import org.cocare.rules.model.GapClosed;
import org.cocare.rules.model.ObservationFact;
import org.cocare.rules.model.PatientFact;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Priority;
import org.cocare.rules.recommendation.Recommendation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Edges of CMS125 (MEASURES.md §4): women 42..74 at the end of the measurement period with an
 * outpatient visit; a mammogram from October 1 two years before the period closes the gap; both
 * breasts removed excludes. Evaluated as of the end of MP 2026.
 */
class BreastScreeningBoundaryTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 12, 31);
  private static final String CODE = "screening-breast";
  private static final String FEMALE = "248152002";
  private static final String MALE = "248153007";
  private static final LocalDate AGE_52 = LocalDate.of(1974, 6, 1);
  private static final String UNSPECIFIED_MASTECTOMY = "22964006";
  private static final String RIGHT = "24028007";
  private static final String LEFT = "7771000";

  static Stream<Arguments> ages() {
    return Stream.of(
        Arguments.of("41, turns 42 on Jan 1 after the MP", LocalDate.of(1985, 1, 1), false),
        Arguments.of("42nd birthday on the last day of the MP", LocalDate.of(1984, 12, 31), true),
        Arguments.of("74 at the end of the MP", LocalDate.of(1952, 1, 1), true),
        Arguments.of("75th birthday on the last day of the MP", LocalDate.of(1951, 12, 31), false));
  }

  @ParameterizedTest(name = "{0}: due {2}")
  @MethodSource("ages")
  void ageAtTheEndOfTheMeasurementPeriod_decidesTheReminder(
      String description, LocalDate birthDate, boolean due) {
    List<Recommendation> reminders = breast(RuleHarness.evaluate(AS_OF, visit(birthDate)));

    if (due) {
      assertThat(reminders)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.kind()).isEqualTo(Kind.SCREENING_REMINDER);
                assertThat(r.measure()).isEqualTo("CMS125");
                assertThat(r.evidence()).containsExactly("Patient/p");
                assertThat(r.due()).isEqualTo(AS_OF.plusDays(30));
                assertThat(r.priority()).isEqualTo(Priority.ROUTINE);
              });
    } else {
      assertThat(reminders).isEmpty();
    }
  }

  @Test
  void maleSexExtension_isNotInThePopulation() {
    List<Object> facts = new ArrayList<>(visit(AGE_52));
    facts.set(0, new PatientFact("p", AGE_52, "female", null, false, MALE));

    assertThat(breast(RuleHarness.evaluate(AS_OF, facts))).isEmpty();
  }

  @Test
  void withoutAnOutpatientVisitInTheMeasurementPeriod_noReminder() {
    List<Object> facts =
        List.of(
            new PatientFact("p", AGE_52, "female", null, false, FEMALE),
            officeVisit(LocalDate.of(2025, 12, 31)));

    assertThat(breast(RuleHarness.evaluate(AS_OF, facts))).isEmpty();
  }

  static Stream<Arguments> mammograms() {
    return Stream.of(
        Arguments.of("on Sep 30 two years before", LocalDate.of(2024, 9, 30), true, false),
        Arguments.of("on Oct 1 two years before", LocalDate.of(2024, 10, 1), true, true),
        Arguments.of("on the last day of the MP", LocalDate.of(2026, 12, 31), true, true),
        Arguments.of("on Jan 1 after the MP", LocalDate.of(2027, 1, 1), true, false),
        Arguments.of("in the MP but not imaging", LocalDate.of(2026, 6, 1), false, false));
  }

  @ParameterizedTest(name = "mammogram {0}: closed {3}")
  @MethodSource("mammograms")
  void mammogramDateAndCategory_decideWhetherTheGapCloses(
      String description, LocalDate effective, boolean imaging, boolean closed) {
    List<Object> facts = new ArrayList<>(visit(AGE_52));
    facts.add(mammogram(effective, imaging));

    RuleHarness.Output output = RuleHarness.evaluate(AS_OF, facts);

    if (closed) {
      assertThat(output.gapsClosed()).contains(new GapClosed(CODE, "Observation/mg"));
      assertThat(breast(output)).isEmpty();
    } else {
      assertThat(breast(output)).hasSize(1);
    }
  }

  static Stream<Arguments> mastectomies() {
    return Stream.of(
        Arguments.of("right and left", RIGHT, LEFT, false),
        Arguments.of("right twice", RIGHT, RIGHT, true),
        Arguments.of("left twice", LEFT, LEFT, true));
  }

  @ParameterizedTest(name = "unilateral mastectomies {0}: due {3}")
  @MethodSource("mastectomies")
  void unspecifiedMastectomyBodySites_excludeOnlyWhenBothSidesAreGone(
      String description, String firstSide, String secondSide, boolean due) {
    List<Object> facts = new ArrayList<>(visit(AGE_52));
    facts.add(mastectomy("m1", firstSide));
    facts.add(mastectomy("m2", secondSide));

    assertThat(breast(RuleHarness.evaluate(AS_OF, facts))).hasSize(due ? 1 : 0);
  }

  private static List<Object> visit(LocalDate birthDate) {
    return List.of(
        new PatientFact("p", birthDate, "female", null, false, FEMALE),
        officeVisit(LocalDate.of(2026, 1, 1)));
  }

  private static EncounterFact officeVisit(LocalDate day) {
    return new EncounterFact(
        "e1",
        List.of(new Code(RuleHarness.SNOMED, "185349003")),
        RuleHarness.TERMINOLOGY.valueSetsContaining(RuleHarness.SNOMED, "185349003"),
        "finished",
        "AMB",
        day,
        day,
        null);
  }

  private static ObservationFact mammogram(LocalDate effective, boolean imaging) {
    return new ObservationFact(
        "mg",
        List.of(new Code(RuleHarness.LOINC, "24605-8")),
        RuleHarness.TERMINOLOGY.valueSetsContaining(RuleHarness.LOINC, "24605-8"),
        "final",
        effective,
        null,
        null,
        null,
        imaging
            ? List.of(
                new Code("http://terminology.hl7.org/CodeSystem/observation-category", "imaging"))
            : List.of(),
        false,
        List.of(),
        Set.of());
  }

  private static ConditionFact mastectomy(String id, String side) {
    return new ConditionFact(
        id,
        List.of(new Code(RuleHarness.SNOMED, UNSPECIFIED_MASTECTOMY)),
        RuleHarness.TERMINOLOGY.valueSetsContaining(RuleHarness.SNOMED, UNSPECIFIED_MASTECTOMY),
        "active",
        null,
        LocalDate.of(2020, 3, 1),
        null,
        null,
        List.of(new Code(RuleHarness.SNOMED, side)));
  }

  private static List<Recommendation> breast(RuleHarness.Output output) {
    return output.recommendations().stream().filter(r -> r.code().equals(CODE)).toList();
  }
}
