package org.cocare.routes.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.cocare.engine.outcome.Cohort;
import org.cocare.engine.value.Dimension;
import org.cocare.engine.value.ValueFilter;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.ruleset.ValueConfiguration;
import org.junit.jupiter.api.Test;

class ValueQueryTest {

  @Test
  void periodOfTwoDates_coversBothDaysWhole_inUtc() {
    ValueFilter filter = query("2026-03-01", "2026-03-31", null, null).filter();

    assertThat(filter.from()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    assertThat(filter.to())
        .as("exclusive: the day after")
        .isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
  }

  @Test
  void oneDay_fromAndToTheSame_isAValidPeriod() {
    ValueFilter filter = query("2026-03-01", "2026-03-01", null, null).filter();

    assertThat(filter.to()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
  }

  @Test
  void blankFields_filterNothing_breakDownByNothing_upliftByToday() {
    ValueQuery q = query(" ", "", "", "");

    assertThat(q.filter()).isEqualTo(ValueFilter.ALL);
    assertThat(q.dimension()).isEqualTo(Dimension.ALL);
    assertThat(q.horizon()).isNull();
  }

  @Test
  void everyField_goesToItsPlaceInTheFilter() {
    ValueQuery q =
        new ValueQuery(
            null,
            null,
            "screening-colorectal",
            "CMS130",
            "chain",
            "control",
            "50-64",
            "female",
            "tertiary",
            "diabetes",
            "cardiology",
            "screening-colorectal",
            "screening-reminder",
            "visit-reason",
            "90");

    assertThat(q.filter())
        .isEqualTo(
            new ValueFilter(
                null,
                null,
                "screening-colorectal",
                "CMS130",
                "screening-colorectal",
                Kind.SCREENING_REMINDER,
                Cohort.CONTROL,
                ValueConfiguration.CHAIN,
                "50-64",
                "female",
                "tertiary",
                "diabetes",
                "cardiology"));
    assertThat(q.periodOnly()).isEqualTo(ValueFilter.ALL);
    assertThat(q.dimension()).isEqualTo(Dimension.VISIT_REASON);
    assertThat(q.horizon()).isEqualTo(90);
  }

  @Test
  void wrongValues_failNamingTheParameter() {
    assertThatThrownBy(() -> query("1 March", null, null, null).filter())
        .hasMessage("from is not a date (yyyy-mm-dd)");
    assertThatThrownBy(() -> query("2026-04-01", "2026-03-01", null, null).filter())
        .hasMessage("from 2026-04-01 is after to 2026-03-01");
    assertThatThrownBy(() -> query(null, null, "colour", null).dimension())
        .hasMessageStartingWith("by: unknown dimension: colour");
    assertThatThrownBy(() -> query(null, null, null, "ninety").horizon())
        .hasMessage("withinDays is not a whole number");
    assertThatThrownBy(() -> query(null, null, null, "0").horizon())
        .hasMessage("withinDays must be a positive number of days");
    ValueQuery cohort =
        new ValueQuery(
            null, null, null, null, null, "treated", null, null, null, null, null, null, null, null,
            null);
    assertThatThrownBy(cohort::filter).hasMessageStartingWith("cohort: unknown cohort: treated");
  }

  private static ValueQuery query(String from, String to, String by, String withinDays) {
    return new ValueQuery(
        from, to, null, null, null, null, null, null, null, null, null, null, null, by, withinDays);
  }
}
