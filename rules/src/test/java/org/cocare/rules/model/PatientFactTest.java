package org.cocare.rules.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatientFactTest {

  @ParameterizedTest(name = "born {0}, on {1}: {2}")
  @CsvSource({
    "1980-06-15, 2025-06-15, 45", // birthday today
    "1980-06-15, 2025-06-14, 44", // day before the birthday
    "1980-06-15, 2025-06-16, 45",
    "1980-06-15, 1980-06-15, 0", // day of birth
    "1980-06-15, 1980-06-14, -1", // before birth
    "2000-02-29, 2025-02-28, 24", // leap-day birth: a year is complete on 1 March
    "2000-02-29, 2025-03-01, 25",
    "2000-02-29, 2024-02-29, 24",
  })
  void ageOn_countsCompletedYears(LocalDate birthDate, LocalDate on, int age) {
    assertThat(new PatientFact("p", birthDate, null, null, false).ageOn(on)).isEqualTo(age);
  }

  @ParameterizedTest
  @CsvSource({"1900-01-01", "2025-06-15", "2100-12-31"})
  void unknownBirthDate_givesMinusOne(LocalDate on) {
    assertThat(new PatientFact("p", null, null, null, false).ageOn(on)).isEqualTo(-1);
  }
}
