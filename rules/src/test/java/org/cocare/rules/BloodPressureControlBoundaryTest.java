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
 * Edges of CMS165 (controlling high blood pressure, MEASURES.md §8) for MP 2026: the hypertension
 * window, the 140/90 thresholds, the most recent day and the readings that do not count.
 */
class BloodPressureControlBoundaryTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 12, 31);
  private static final String HYPERTENSION =
      "http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113883.3.464.1003.104.12.1011";
  private static final String OFFICE_VISIT =
      "http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113883.3.464.1003.101.12.1001";

  private static List<Object> eligible(LocalDate hypertensionOnset) {
    List<Object> facts = new ArrayList<>();
    facts.add(RuleHarness.patient("p", LocalDate.of(1970, 5, 1)));
    facts.add(
        new ConditionFact(
            "htn",
            List.of(new Code(RuleHarness.SNOMED, "59621000")),
            Set.of(HYPERTENSION),
            "active",
            null,
            hypertensionOnset,
            null,
            null));
    facts.add(
        new EncounterFact(
            "visit",
            List.of(),
            Set.of(OFFICE_VISIT),
            "finished",
            "AMB",
            LocalDate.of(2026, 3, 1),
            LocalDate.of(2026, 3, 1),
            null));
    return facts;
  }

  private static ObservationFact reading(
      String id, LocalDate day, Integer systolic, Integer diastolic, String encounter) {
    List<ObservationFact.Component> components = new ArrayList<>();
    if (systolic != null) {
      components.add(
          new ObservationFact.Component(
              new Code(RuleHarness.LOINC, "8480-6"), BigDecimal.valueOf(systolic), "mm[Hg]"));
    }
    if (diastolic != null) {
      components.add(
          new ObservationFact.Component(
              new Code(RuleHarness.LOINC, "8462-4"), BigDecimal.valueOf(diastolic), "mm[Hg]"));
    }
    return new ObservationFact(
        id,
        List.of(new Code(RuleHarness.LOINC, "85354-9")),
        Set.of(),
        "final",
        day,
        null,
        null,
        Interval.day(day),
        List.of(),
        false,
        List.of(),
        Set.of(),
        components,
        encounter,
        null,
        List.of(),
        Set.of(),
        null);
  }

  private static List<Recommendation> cms165(List<Object> facts) {
    return RuleHarness.evaluate(AS_OF, facts).recommendations().stream()
        .filter(r -> "CMS165".equals(r.measure()))
        .toList();
  }

  @ParameterizedTest(name = "hypertension from {0}: eligible {1}")
  @CsvSource({"2026-06-30, true", "2026-07-01, false", "2010-02-03, true"})
  void hypertensionOnset_mustFallInTheFirstSixMonths(LocalDate onset, boolean eligible) {
    List<Recommendation> gaps = cms165(eligible(onset));

    if (eligible) {
      assertThat(gaps)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.code()).isEqualTo("monitor-blood-pressure");
                assertThat(r.kind()).isEqualTo(Kind.SCREENING_REMINDER);
                assertThat(r.due()).isEqualTo(AS_OF.plusDays(30));
              });
    } else {
      assertThat(gaps).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}/{1} mmHg: controlled {2}")
  @CsvSource({"139, 89, true", "140, 89, false", "139, 90, false", "139, , false", ", 89, false"})
  void thresholds_areStrictlyBelow140Over90(Integer systolic, Integer diastolic, boolean closed) {
    List<Object> facts = eligible(LocalDate.of(2020, 1, 1));
    facts.add(reading("bp", LocalDate.of(2026, 5, 5), systolic, diastolic, null));

    List<Recommendation> gaps = cms165(facts);

    if (closed) {
      assertThat(gaps).isEmpty();
    } else {
      assertThat(gaps)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.code()).isEqualTo("followup-bp-uncontrolled");
                assertThat(r.kind()).isEqualTo(Kind.FOLLOW_UP_TASK);
                assertThat(r.evidence()).containsExactly("Observation/bp");
                assertThat(r.due()).isEqualTo(AS_OF.plusDays(14));
              });
    }
  }

  @Test
  void lowestSystolicAndDiastolicOfTheMostRecentDay_mayComeFromDifferentReadings() {
    List<Object> facts = eligible(LocalDate.of(2020, 1, 1));
    facts.add(reading("early", LocalDate.of(2026, 4, 1), 120, 70, null));
    facts.add(reading("late-1", LocalDate.of(2026, 9, 1), 150, 85, null));
    facts.add(reading("late-2", LocalDate.of(2026, 9, 1), 135, 95, null));

    assertThat(cms165(facts)).isEmpty();
  }

  @Test
  void anEarlierControlledDay_doesNotCloseAnUncontrolledMostRecentDay() {
    List<Object> facts = eligible(LocalDate.of(2020, 1, 1));
    facts.add(reading("early", LocalDate.of(2026, 4, 1), 120, 70, null));
    facts.add(reading("late", LocalDate.of(2026, 9, 1), 150, 85, null));

    assertThat(cms165(facts))
        .singleElement()
        .satisfies(r -> assertThat(r.evidence()).containsExactly("Observation/late"));
  }

  @Test
  void readingInAnEmergencyEncounter_doesNotCount() {
    List<Object> facts = eligible(LocalDate.of(2020, 1, 1));
    facts.add(
        RuleHarness.encounter(
            "ed", "EMER", "finished", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 1)));
    facts.add(reading("in-ed", LocalDate.of(2026, 9, 1), 120, 70, "ed"));
    facts.add(reading("missing-encounter", LocalDate.of(2026, 4, 1), 150, 70, "gone"));

    assertThat(cms165(facts))
        .singleElement()
        .satisfies(r -> assertThat(r.evidence()).containsExactly("Observation/missing-encounter"));
  }
}
