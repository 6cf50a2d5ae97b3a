package org.cocare.engine.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ValueSourceTest {
  private static final Instant ISSUED = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void daysToCompletion_areTheDaysBegun_soWithinThirtyDaysMeansWithinThirtyTimesTwentyFourHours() {
    assertThat(ValueSource.daysBegun(ISSUED, ISSUED)).isZero();
    assertThat(ValueSource.daysBegun(ISSUED, ISSUED.plusSeconds(1))).isEqualTo(1);
    assertThat(ValueSource.daysBegun(ISSUED, ISSUED.plus(Duration.ofDays(30)))).isEqualTo(30);
    assertThat(ValueSource.daysBegun(ISSUED, ISSUED.plus(Duration.ofDays(30).plusHours(2))))
        .isEqualTo(31);
  }

  @Test
  void aCompletionRecordedBeforeItsIssue_countsAsTheSameDay() {
    assertThat(ValueSource.daysBegun(ISSUED, ISSUED.minusSeconds(5))).isZero();
  }
}
