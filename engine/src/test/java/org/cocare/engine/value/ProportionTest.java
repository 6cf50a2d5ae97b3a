package org.cocare.engine.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Against the worked examples of Newcombe (1998): "Two-sided confidence intervals for the single
 * proportion" (Stat Med 17:857, table I) and "Interval estimation for the difference between
 * independent proportions" (Stat Med 17:873, table II), to the four decimals printed there.
 */
class ProportionTest {
  private static final double PRINTED = 0.00005;

  @Test
  void wilson_81of263() {
    Interval ci = new Proportion(81, 263).wilson(0.95);

    assertThat(ci.estimate()).isCloseTo(0.3080, within(PRINTED));
    assertThat(ci.lower()).isCloseTo(0.2553, within(PRINTED));
    assertThat(ci.upper()).isCloseTo(0.3662, within(PRINTED));
  }

  @Test
  void wilson_15of148() {
    Interval ci = new Proportion(15, 148).wilson(0.95);

    assertThat(ci.lower()).isCloseTo(0.0624, within(PRINTED));
    assertThat(ci.upper()).isCloseTo(0.1605, within(PRINTED));
  }

  @Test
  void wilson_atTheEdges_staysInsideZeroToOne() {
    Interval none = new Proportion(0, 20).wilson(0.95);
    Interval all = new Proportion(29, 29).wilson(0.95);

    assertThat(none.lower()).isZero();
    assertThat(none.upper()).isCloseTo(0.1611, within(PRINTED));
    assertThat(all.upper()).isEqualTo(1.0);
    assertThat(all.lower()).isCloseTo(0.8830, within(PRINTED));
    assertThat(new Proportion(0, 0).wilson(0.95)).isEqualTo(new Interval(0, 0, 1));
  }

  @Test
  void newcombeDifference_56of70_minus_48of80() {
    Interval ci = new Proportion(56, 70).minus(new Proportion(48, 80), 0.95);

    assertThat(ci.estimate()).isCloseTo(0.2000, within(PRINTED));
    assertThat(ci.lower()).isCloseTo(0.0524, within(PRINTED));
    assertThat(ci.upper()).isCloseTo(0.3339, within(PRINTED));
  }

  @Test
  void newcombeDifference_9of10_minus_3of10() {
    Interval ci = new Proportion(9, 10).minus(new Proportion(3, 10), 0.95);

    assertThat(ci.lower()).isCloseTo(0.1705, within(PRINTED));
    assertThat(ci.upper()).isCloseTo(0.8090, within(PRINTED));
  }

  @Test
  void impossibleCountsAndConfidences_areRefused() {
    assertThatThrownBy(() -> new Proportion(5, 4)).hasMessageContaining("successes <= trials");
    assertThatThrownBy(() -> new Proportion(1, 4).wilson(1.0)).hasMessageContaining("confidence");
  }
}
