package org.cocare.engine.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.cocare.engine.value.KaplanMeier.Observation;
import org.cocare.engine.value.KaplanMeier.Step;
import org.junit.jupiter.api.Test;

/**
 * The 6-MP arm of Freireich et al. (1963), the textbook example of the product-limit estimator
 * (weeks in remission, * censored): 6 6 6 6* 7 9* 10 10* 11* 13 16 17* 19* 20* 22 23 25* 32* 32*
 * 34* 35*. Expected values worked by hand from the definitions.
 */
class KaplanMeierTest {
  private static final KaplanMeier SIX_MP =
      KaplanMeier.of(
          Stream.concat(
                  Stream.of(6, 6, 6, 7, 10, 13, 16, 22, 23).map(t -> new Observation(t, true)),
                  Stream.of(6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35)
                      .map(t -> new Observation(t, false)))
              .toList());

  @Test
  void productLimit_stepsAtEachCompletionTime() {
    List<Step> steps = SIX_MP.steps();

    assertThat(steps)
        .extracting(Step::time)
        .containsExactly(6.0, 7.0, 10.0, 13.0, 16.0, 22.0, 23.0);
    assertThat(steps).extracting(Step::atRisk).containsExactly(21L, 17L, 15L, 12L, 11L, 7L, 6L);
    assertThat(steps.get(0).survival()).isCloseTo(18.0 / 21, within(1e-12));
    assertThat(steps.get(6).survival()).isCloseTo(0.448179, within(1e-6));
    assertThat(SIX_MP.survival(12)).isCloseTo(0.752941, within(1e-6));
    assertThat(SIX_MP.completedWithin(16)).isCloseTo(1 - 0.627451, within(1e-6));
    assertThat(SIX_MP.survival(5)).isEqualTo(1.0);
  }

  @Test
  void greenwoodStandardError() {
    assertThat(SIX_MP.steps().get(0).standardError()).isCloseTo(0.076360, within(1e-6));
    assertThat(SIX_MP.steps().get(6).standardError()).isCloseTo(0.134591, within(1e-6));
  }

  /**
   * Worked from the definitions apart from this code (Greenwood's sum, then {@code S^exp(±1.959964
   * se)} with {@code se = √sum / |log S|}); to the three decimals it prints, R's {@code
   * survfit(..., conf.type = "log-log")} gives the same on these data.
   */
  @Test
  void survivalInterval_onTheLogLogScale_matchesTheHandWorkedBands() {
    Interval at13 = SIX_MP.survivalInterval(13, 0.95);
    Interval at23 = SIX_MP.survivalInterval(23, 0.95);

    assertThat(at13.estimate()).isCloseTo(0.690196, within(1e-6));
    assertThat(at13.lower()).isCloseTo(0.431610, within(1e-6));
    assertThat(at13.upper()).isCloseTo(0.849066, within(1e-6));
    assertThat(SIX_MP.survivalInterval(15.5, 0.95)).isEqualTo(at13);
    assertThat(at23.lower()).isCloseTo(0.188052, within(1e-6));
    assertThat(at23.upper()).isCloseTo(0.680143, within(1e-6));
    assertThat(SIX_MP.survivalInterval(6, 0.95).lower()).isCloseTo(0.619718, within(1e-6));
  }

  @Test
  void survivalInterval_beforeTheFirstCompletion_isCertainlyOne() {
    assertThat(SIX_MP.survivalInterval(5.9, 0.95)).isEqualTo(new Interval(1, 1, 1));
  }

  @Test
  void survivalInterval_afterEveryoneAtRiskCompleted_isCertainlyZero() {
    KaplanMeier allDone =
        KaplanMeier.of(List.of(new Observation(3, true), new Observation(5, true)));

    assertThat(allDone.survivalInterval(5, 0.95)).isEqualTo(new Interval(0, 0, 0));
    assertThat(allDone.survivalInterval(3, 0.95).contains(0.5)).isTrue();
  }

  @Test
  void longestFollowUp_isTheLastTimeSeen_completedOrNot() {
    assertThat(SIX_MP.longestFollowUp()).isEqualTo(35.0);
    assertThat(KaplanMeier.of(List.of()).longestFollowUp()).isZero();
  }

  @Test
  void median_withItsLogLogInterval_openAboveWhenTheDataNeverReachIt() {
    assertThat(SIX_MP.median()).hasValue(23.0);
    assertThat(SIX_MP.medianLower(0.95)).hasValue(13.0);
    assertThat(SIX_MP.medianUpper(0.95)).isEmpty();
  }

  @Test
  void fewerThanHalfCompleted_hasNoMedian() {
    KaplanMeier mostlyOpen =
        KaplanMeier.of(
            List.of(
                new Observation(10, true), new Observation(40, false), new Observation(90, false)));

    assertThat(mostlyOpen.median()).isEmpty();
    assertThat(mostlyOpen.completedWithin(30)).isCloseTo(1.0 / 3, within(1e-12));
  }
}
