package org.cocare.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.cocare.rules.model.Code;
import org.cocare.rules.model.GapClosed;
import org.cocare.rules.model.ObservationFact;
import org.cocare.rules.recommendation.Priority;
import org.cocare.rules.recommendation.Recommendation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Edges of the care-team tasks of issue 3 section 4: colonoscopy after a positive stool test
 * (USMSTF 2017), severe blood pressure (ACC/AHA 2017) and remote-monitoring alerts (local policy).
 */
class FollowUpTasksBoundaryTest {
  private static final LocalDate AS_OF = LocalDate.of(2025, 6, 15);
  private static final String LOINC = RuleHarness.LOINC;
  private static final Code POSITIVE = new Code(RuleHarness.SNOMED, "10828004");
  private static final Code NEGATIVE = new Code(RuleHarness.SNOMED, "260385009");

  // ---- followup-positive-fit

  @ParameterizedTest(name = "positive FIT {0} months before the as-of date: task {1}")
  @CsvSource({"0, true", "12, true", "-1, false"})
  void positiveFitAge_decidesTheTask(int monthsBefore, boolean due) {
    LocalDate effective = AS_OF.minusMonths(monthsBefore);

    List<Recommendation> tasks = tasks("followup-positive-fit", fit("fit", effective, POSITIVE));

    if (due) {
      assertThat(tasks)
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.priority()).isEqualTo(Priority.URGENT);
                assertThat(t.due()).isEqualTo(effective.plusDays(30));
                assertThat(t.evidence()).containsExactly("Observation/fit");
              });
    } else {
      assertThat(tasks).isEmpty();
    }
  }

  @ParameterizedTest(name = "positive FIT 12 months and {0} days before: task {1}")
  @CsvSource({"0, true", "1, false"})
  void positiveFitLookbackEdge(int extraDays, boolean due) {
    LocalDate effective = AS_OF.minusMonths(12).minusDays(extraDays);

    assertThat(tasks("followup-positive-fit", fit("fit", effective, POSITIVE)))
        .hasSize(due ? 1 : 0);
  }

  @ParameterizedTest(name = "result {0} {1}: task {2}")
  @CsvSource({
    "final,     10828004,  true",
    "amended,   260373001, true",
    "corrected, 10828004,  true",
    "preliminary, 10828004, false",
    "final,     260385009, false",
  })
  void onlyAFinalPositiveResult_raisesTheTask(String status, String valueCode, boolean due) {
    ObservationFact result =
        RuleHarness.observation(
            "fit",
            LOINC,
            "29771-3",
            status,
            AS_OF.minusMonths(1),
            null,
            null,
            List.of(new Code(RuleHarness.SNOMED, valueCode)),
            List.of());

    assertThat(tasks("followup-positive-fit", result)).hasSize(due ? 1 : 0);
  }

  // A result on 2025-01-01: the 6-month window ends on 2025-07-01, 181 days later.
  @ParameterizedTest(name = "colonoscopy {0} days after the positive result ({1}): closed {2}")
  @CsvSource({
    "0,   completed, true", // the day of the result
    "-1,  completed, false", // the day before the result
    "181, completed, true", // the last day of the 6 months
    "182, completed, false",
    "30,  not-done,  false",
  })
  void colonoscopyWithinSixMonths_closesTheTask(int daysAfter, String status, boolean closed) {
    LocalDate effective = LocalDate.of(2025, 1, 1);
    LocalDate performed = effective.plusDays(daysAfter);
    LocalDate asOf = LocalDate.of(2025, 8, 1);

    RuleHarness.Output output =
        RuleHarness.evaluate(
            asOf,
            List.of(
                fit("fit", effective, POSITIVE),
                RuleHarness.procedure("colo", RuleHarness.SNOMED, "73761001", status, performed)));

    List<Recommendation> tasks =
        output.recommendations().stream()
            .filter(r -> r.code().equals("followup-positive-fit"))
            .toList();
    if (closed) {
      assertThat(output.gapsClosed())
          .contains(new GapClosed("followup-positive-fit", "Procedure/colo"));
      assertThat(tasks).isEmpty();
    } else {
      assertThat(output.gapsClosed()).noneMatch(g -> g.code().equals("followup-positive-fit"));
      assertThat(tasks).hasSize(1);
    }
  }

  // A later negative result does not undo a positive one: the positive still needs a colonoscopy.
  @ParameterizedTest(name = "a later {0} result: the task cites the latest positive")
  @ValueSource(strings = {"negative", "positive"})
  void onlyTheMostRecentPositiveResultIsCited(String later) {
    List<Recommendation> tasks =
        tasks(
            "followup-positive-fit",
            fit("old", AS_OF.minusMonths(3), POSITIVE),
            fit("new", AS_OF.minusMonths(1), later.equals("positive") ? POSITIVE : NEGATIVE));

    assertThat(tasks)
        .singleElement()
        .extracting(Recommendation::evidence)
        .isEqualTo(List.of(later.equals("positive") ? "Observation/new" : "Observation/old"));
  }

  // ---- followup-bp-urgent

  @ParameterizedTest(name = "panel {0}/{1}: task {2}")
  @CsvSource({"179, 119, false", "180, 80, true", "150, 120, true", "179, 120, true"})
  void bloodPressurePanel_thresholds(int systolic, int diastolic, boolean due) {
    List<Recommendation> tasks =
        tasks("followup-bp-urgent", bpPanel("bp", "final", AS_OF, systolic, diastolic));

    if (due) {
      assertThat(tasks)
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.due()).isEqualTo(AS_OF);
                assertThat(t.priority()).isEqualTo(Priority.URGENT);
                assertThat(t.evidence()).containsExactly("Observation/bp");
              });
    } else {
      assertThat(tasks).isEmpty();
    }
  }

  @ParameterizedTest(name = "standalone {0} = {1}: task {2}")
  @CsvSource({"8480-6, 179, false", "8480-6, 180, true", "8462-4, 119, false", "8462-4, 120, true"})
  void standaloneReading_thresholds(String code, int value, boolean due) {
    assertThat(tasks("followup-bp-urgent", quantity("bp", code, "final", AS_OF, value)))
        .hasSize(due ? 1 : 0);
  }

  @ParameterizedTest(name = "severe reading {0} days ago: task {1}")
  @CsvSource({"0, true", "7, true", "8, false", "-1, false"})
  void severeReadingWindow(int daysBefore, boolean due) {
    assertThat(
            tasks(
                "followup-bp-urgent",
                bpPanel("bp", "final", AS_OF.minusDays(daysBefore), 190, 100)))
        .hasSize(due ? 1 : 0);
  }

  @ParameterizedTest(name = "severe reading {0}: task {1}")
  @CsvSource({
    "final, true",
    "amended, true",
    "corrected, true",
    "preliminary, false",
    "entered-in-error, false"
  })
  void severeReadingStatus(String status, boolean due) {
    assertThat(tasks("followup-bp-urgent", bpPanel("bp", status, AS_OF, 190, 100)))
        .hasSize(due ? 1 : 0);
  }

  @ParameterizedTest(name = "a later reading of {0}/{1}: task {2}")
  @CsvSource({"150, 90, false", "185, 90, true"})
  void onlyTheMostRecentReadingCounts(int systolic, int diastolic, boolean due) {
    assertThat(
            tasks(
                "followup-bp-urgent",
                bpPanel("old", "final", AS_OF.minusDays(3), 200, 125),
                bpPanel("new", "final", AS_OF.minusDays(1), systolic, diastolic)))
        .hasSize(due ? 1 : 0);
  }

  // ---- followup-remote-alert

  @ParameterizedTest(name = "{0} = {1}: alert {2}")
  @CsvSource({
    "59408-5, 90,  false",
    "59408-5, 89,  true",
    "2708-6,  89,  true",
    "8867-4,  130, false",
    "8867-4,  131, true"
  })
  void remoteReading_thresholds(String code, int value, boolean due) {
    List<Recommendation> tasks =
        tasks("followup-remote-alert", quantity("r", code, "final", AS_OF, value));

    if (due) {
      assertThat(tasks)
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.due()).isEqualTo(AS_OF);
                assertThat(t.priority()).isEqualTo(Priority.URGENT);
                assertThat(t.evidence()).containsExactly("Observation/r");
              });
    } else {
      assertThat(tasks).isEmpty();
    }
  }

  // Facts carry days: "the last 24 hours" is the as-of date or the day before.
  @ParameterizedTest(name = "low SpO2 {0} days before the as-of date: alert {1}")
  @CsvSource({"0, true", "1, true", "2, false", "-1, false"})
  void remoteReading_24HourWindow(int daysBefore, boolean due) {
    assertThat(
            tasks(
                "followup-remote-alert",
                quantity("r", "59408-5", "final", AS_OF.minusDays(daysBefore), 85)))
        .hasSize(due ? 1 : 0);
  }

  @ParameterizedTest(name = "reading {0}: no alert")
  @ValueSource(strings = {"cancelled", "entered-in-error", "registered"})
  void unresultedReading_givesNoAlert(String status) {
    assertThat(tasks("followup-remote-alert", quantity("r", "8867-4", status, AS_OF, 150)))
        .isEmpty();
  }

  private static ObservationFact fit(String id, LocalDate effective, Code value) {
    return RuleHarness.observation(
        id, LOINC, "29771-3", "final", effective, null, null, List.of(value), List.of());
  }

  private static ObservationFact bpPanel(
      String id, String status, LocalDate effective, int systolic, int diastolic) {
    return RuleHarness.observation(
        id,
        LOINC,
        "85354-9",
        status,
        effective,
        null,
        null,
        List.of(),
        List.of(
            new ObservationFact.Component(
                new Code(LOINC, "8480-6"), BigDecimal.valueOf(systolic), "mm[Hg]"),
            new ObservationFact.Component(
                new Code(LOINC, "8462-4"), BigDecimal.valueOf(diastolic), "mm[Hg]")));
  }

  private static ObservationFact quantity(
      String id, String code, String status, LocalDate effective, int value) {
    return RuleHarness.observation(
        id, LOINC, code, status, effective, BigDecimal.valueOf(value), null, List.of(), List.of());
  }

  private static List<Recommendation> tasks(String code, Object... facts) {
    List<Object> all = new ArrayList<>(List.of(facts));
    all.add(RuleHarness.patient("p", AS_OF.minusYears(85)));
    return RuleHarness.evaluate(AS_OF, all).recommendations().stream()
        .filter(r -> r.code().equals(code))
        .toList();
  }
}
