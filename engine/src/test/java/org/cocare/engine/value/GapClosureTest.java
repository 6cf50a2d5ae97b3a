package org.cocare.engine.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.cocare.engine.outcome.Cohort;
import org.cocare.engine.value.ClosureReport.CurvePoint;
import org.cocare.engine.value.ClosureReport.Group;
import org.cocare.engine.value.ClosureReport.Horizon;
import org.junit.jupiter.api.Test;

/** Expected values worked by hand from the product-limit and log(−log) definitions. */
class GapClosureTest {
  private static final double HAND = 1e-6;

  /** Completed after 10 and 20 days; open after 15 and 200. */
  private static final List<FollowedRecommendation> FOUR =
      List.of(
          Followed.rec().completedAfter(10).build(),
          Followed.rec().openFor(15).build(),
          Followed.rec().completedAfter(20).build(),
          Followed.rec().openFor(200).build());

  private static Group only(List<FollowedRecommendation> recs) {
    return GapClosure.of(recs, Map.of(), ValueFilter.ALL, Dimension.ALL).groups().get(0);
  }

  @Test
  void shareCompletedWithinEachHorizon_isOneMinusKaplanMeier_withItsLogLogInterval() {
    Group all = only(FOUR);

    assertThat(all.recommendations()).isEqualTo(4);
    assertThat(all.completed()).isEqualTo(2);
    assertThat(all.horizons()).extracting(Horizon::days).containsExactly(30, 90, 180);
    Interval within30 = all.horizon(30).completedWithin();
    assertThat(within30.estimate()).isCloseTo(0.625, within(HAND));
    assertThat(within30.lower()).isCloseTo(0.191999, within(HAND));
    assertThat(within30.upper()).isCloseTo(0.989029, within(HAND));
    assertThat(all.horizon(180).completedWithin()).isEqualTo(within30);
  }

  @Test
  void curve_hasAPointPerCompletionDay_withPointwiseBounds() {
    assertThat(only(FOUR).curve())
        .extracting(CurvePoint::days, CurvePoint::completed)
        .containsExactly(tuple(10.0, 0.25), tuple(20.0, 0.625));
    CurvePoint first = only(FOUR).curve().get(0);
    assertThat(first.lower()).isCloseTo(0.039451, within(HAND));
    assertThat(first.upper()).isCloseTo(0.872053, within(HAND));
  }

  @Test
  void median_withItsInterval_openAboveWhenTheBandNeverReachesHalf() {
    ClosureReport.Median median = only(FOUR).median();

    assertThat(median.days()).isEqualTo(20.0);
    assertThat(median.lower()).isEqualTo(10.0);
    assertThat(median.upper()).isNull();
    assertThat(median.contains(1e6)).isTrue();
    assertThat(median.contains(9)).isFalse();
  }

  @Test
  void openRecommendations_areCensored_notCountedAsNotCompleted() {
    // Two completed on day 5; two issued three days ago, still open. Counting the open ones as
    // failures would give 1/2; they only show that they had not completed within 3 days.
    Group recent =
        only(
            List.of(
                Followed.rec().completedAfter(5).build(),
                Followed.rec().completedAfter(5).build(),
                Followed.rec().openFor(3).build(),
                Followed.rec().openFor(3).build()));

    assertThat(recent.horizon(30).completedWithin()).isEqualTo(new Interval(1, 1, 1));
  }

  @Test
  void horizonBeyondTheLongestFollowUp_withSomeOpen_isNotReported() {
    Group shortlyFollowed =
        only(
            List.of(
                Followed.rec().completedAfter(5).build(),
                Followed.rec().openFor(20).build(),
                Followed.rec().openFor(25).build()));

    assertThat(shortlyFollowed.horizons()).extracting(Horizon::completedWithin).containsOnlyNulls();
  }

  @Test
  void fewerThanHalfCompleting_hasNoMedian_butMayHaveItsLowerBound() {
    // S(5) = 2/3; Greenwood 1/6; the lower band (2/3)^exp(1.96·√(1/6)/ln(3/2)) = 0.054 <= 1/2.
    Group mostlyOpen =
        only(
            List.of(
                Followed.rec().completedAfter(5).build(),
                Followed.rec().openFor(300).build(),
                Followed.rec().openFor(300).build()));

    assertThat(mostlyOpen.median()).isEqualTo(new ClosureReport.Median(null, 5.0, null));
    assertThat(mostlyOpen.median().contains(1000)).isTrue();
    assertThat(mostlyOpen.horizon(90).completedWithin().estimate())
        .isCloseTo(1.0 / 3, within(1e-12));
  }

  @Test
  void noneCompleting_saysNothingOfTheMedian() {
    Group open = only(List.of(Followed.rec().openFor(300).build()));

    assertThat(open.median()).isEqualTo(new ClosureReport.Median(null, null, null));
    assertThat(open.median().contains(1000)).isFalse();
    assertThat(open.curve()).isEmpty();
    assertThat(open.horizon(180).completedWithin()).isEqualTo(new Interval(0, 0, 0));
  }

  @Test
  void cohortFilterAndDimension_splitTheCurves() {
    List<FollowedRecommendation> recs =
        List.of(
            Followed.rec().completedAfter(10).build(),
            Followed.rec().openFor(100).build(),
            Followed.rec().heldOut().openFor(100).build(),
            Followed.rec().heldOut().openFor(100).build(),
            Followed.rec().heldOut().completedAfter(40).build());
    ValueFilter control =
        new ValueFilter(
            null, null, null, null, null, null, Cohort.CONTROL, null, null, null, null, null, null);

    ClosureReport byCohort = GapClosure.of(recs, Map.of(), ValueFilter.ALL, Dimension.COHORT);
    ClosureReport heldOut = GapClosure.of(recs, Map.of(), control, Dimension.ALL);

    assertThat(byCohort.groups())
        .extracting(Group::name, Group::recommendations, Group::completed)
        .containsExactly(tuple("control", 3L, 1L), tuple("intervention", 2L, 1L));
    assertThat(byCohort.groups().get(0).horizon(30).completedWithin().estimate()).isZero();
    assertThat(byCohort.groups().get(0).horizon(90).completedWithin().estimate())
        .isCloseTo(1.0 / 3, within(1e-12));
    assertThat(byCohort.groups().get(0).horizon(180).completedWithin()).isNull();
    assertThat(heldOut.groups())
        .singleElement()
        .extracting(Group::horizons)
        .isEqualTo(byCohort.groups().get(0).horizons());
  }

  @Test
  void unreportedHorizon_isRefusedByName() {
    assertThatThrownBy(() -> only(FOUR).horizon(60)).hasMessageContaining("no horizon of 60 days");
  }
}
