package org.cocare.rules.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvaluationContextTest {
  private static final EvaluationContext JUNE_15 =
      EvaluationContext.asOf(LocalDate.of(2025, 6, 15));

  @ParameterizedTest
  @CsvSource({"2025-06-15", "2025-01-01", "2025-12-31", "2024-02-29"})
  void asOf_measuresTheCalendarYear(LocalDate asOf) {
    EvaluationContext context = EvaluationContext.asOf(asOf);

    assertThat(context.asOf()).isEqualTo(asOf);
    assertThat(context.periodStart()).isEqualTo(LocalDate.of(asOf.getYear(), 1, 1));
    assertThat(context.periodEnd()).isEqualTo(LocalDate.of(asOf.getYear(), 12, 31));
  }

  @Test
  void periodEndingBeforeItStarts_isRefusedNamingBothDates() {
    LocalDate asOf = LocalDate.of(2025, 6, 15);

    assertThatThrownBy(
            () -> new EvaluationContext(asOf, LocalDate.of(2025, 6, 2), LocalDate.of(2025, 6, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2025-06-01")
        .hasMessageContaining("2025-06-02");
  }

  @Test
  void oneDayPeriod_isAccepted() {
    LocalDate day = LocalDate.of(2025, 6, 15);

    assertThat(new EvaluationContext(day, day, day).periodEnd()).isEqualTo(day);
  }

  @Test
  void missingAsOf_isRefused() {
    assertThatThrownBy(() -> EvaluationContext.asOf(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new EvaluationContext(null, LocalDate.MIN, LocalDate.MAX))
        .hasMessageContaining("asOf");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "2025-05-16, true", // exactly 30 days before
    "2025-05-15, false", // 31 days before
    "2025-06-15, true", // the as-of date itself
    "2025-06-16, false", // after the as-of date
  })
  void withinDaysBefore_includesBothEnds(LocalDate date, boolean within) {
    assertThat(JUNE_15.withinDaysBefore(date, 30)).isEqualTo(within);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "2024-06-15, true", // exactly 12 months before
    "2024-06-14, false",
    "2025-06-15, true",
    "2025-06-16, false",
  })
  void withinMonthsBefore_includesBothEnds(LocalDate date, boolean within) {
    assertThat(JUNE_15.withinMonthsBefore(date, 12)).isEqualTo(within);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "2025-02-28, true", // one month before 31 March is the last day of February
    "2025-02-27, false",
  })
  void withinMonthsBefore_clampsToTheEndOfAShortMonth(LocalDate date, boolean within) {
    assertThat(EvaluationContext.asOf(LocalDate.of(2025, 3, 31)).withinMonthsBefore(date, 1))
        .isEqualTo(within);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "2015-06-15, true", // exactly 10 years before
    "2015-06-14, false", // 10 years and a day
    "2025-06-15, true",
    "2025-06-16, false",
  })
  void withinYearsBefore_includesBothEnds(LocalDate date, boolean within) {
    assertThat(JUNE_15.withinYearsBefore(date, 10)).isEqualTo(within);
  }

  @Test
  void unknownDate_isNeverWithin() {
    assertThat(JUNE_15.withinDaysBefore(null, 30)).isFalse();
    assertThat(JUNE_15.withinMonthsBefore(null, 12)).isFalse();
    assertThat(JUNE_15.withinYearsBefore(null, 10)).isFalse();
  }
}
