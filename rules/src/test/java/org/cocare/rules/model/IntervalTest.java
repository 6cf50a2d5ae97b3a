package org.cocare.rules.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IntervalTest {
  static final LocalDate FROM = LocalDate.of(2026, 1, 1);
  static final LocalDate TO = LocalDate.of(2026, 12, 31);

  @Test
  void noTiming_failsEveryTest() {
    assertThat(Interval.NONE.overlaps(FROM, TO)).isFalse();
    assertThat(Interval.NONE.startsOnOrBefore(TO)).isFalse();
    assertThat(Interval.NONE.within(FROM, TO)).isFalse();
    assertThat(Interval.NONE.latest()).isNull();
  }

  @Test
  void inactiveConditionWithoutOnsetOrAbatement_startsSinceEver_butOverlapsNothing() {
    Interval prevalence =
        new ConditionFact("c", null, null, "inactive", null, null, null, null).prevalence();

    assertThat(prevalence.isNone()).isFalse();
    assertThat(prevalence.startsOnOrBefore(TO)).isTrue();
    assertThat(prevalence.overlaps(FROM, TO)).isFalse();
  }

  @Test
  void activeConditionWithoutOnset_runsFromEverIntoTheFuture() {
    Interval prevalence =
        new ConditionFact("c", null, null, "active", null, null, null, null).prevalence();

    assertThat(prevalence.overlaps(FROM, TO)).isTrue();
    assertThat(prevalence.startsOnOrBefore(FROM)).isTrue();
  }

  @Test
  void unknownEnd_overlapsOnlyWhenItStartsInsideTheWindow() {
    Interval before = new Interval(FROM.minusDays(1), null, true);
    Interval inside = new Interval(FROM, null, true);

    assertThat(before.overlaps(FROM, TO)).isFalse();
    assertThat(inside.overlaps(FROM, TO)).isTrue();
  }

  @Test
  void openEnd_overlapsEveryLaterWindow_butIsNeverWithinOne() {
    Interval open = Interval.of(FROM.minusYears(3), null);

    assertThat(open.overlaps(FROM, TO)).isTrue();
    assertThat(open.within(FROM.minusYears(5), TO)).isFalse();
  }

  @Test
  void boundaries_areInclusive() {
    Interval day = Interval.day(TO);

    assertThat(day.within(FROM, TO)).isTrue();
    assertThat(day.endsWithin(FROM, TO)).isTrue();
    assertThat(Interval.day(FROM.minusDays(1)).latestWithin(FROM, TO)).isFalse();
    assertThat(Interval.of(FROM, TO.plusDays(1)).endsOnOrBefore(TO)).isFalse();
  }
}
