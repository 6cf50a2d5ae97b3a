package org.cocare.engine.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.cocare.engine.outcome.Cohort;
import org.cocare.engine.value.UpliftReport.RuleUplift;
import org.cocare.fhir.value.PatientTraits;
import org.cocare.rules.ruleset.ValueConfiguration;
import org.junit.jupiter.api.Test;

/**
 * Differences against Newcombe (1998, Stat Med 17:873, table II, to the four decimals printed);
 * numbers needed and p-values worked by hand from them and from the 2×2 tables.
 */
class UpliftTest {
  private static final double PRINTED = 0.00005;
  private static final Instant ANALYSED = Instant.parse("2026-01-01T00:00:00Z");

  /** {@code completed} of {@code total} recommendations of one arm of rule {@code ruleId}. */
  private static List<FollowedRecommendation> arm(
      String ruleId, boolean heldOut, int completed, int total) {
    List<FollowedRecommendation> recs = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      Followed r = Followed.rec().rule(ruleId).patient(ruleId + (heldOut ? "-h" : "-n") + i);
      if (heldOut) {
        r.heldOut();
      }
      if (i < completed) {
        r.completedAfter(20);
      }
      recs.add(r.build());
    }
    return recs;
  }

  private static RuleUplift uplift(int notifiedDone, int notified, int heldDone, int held) {
    List<FollowedRecommendation> recs =
        Stream.concat(
                arm("r1", false, notifiedDone, notified).stream(),
                arm("r1", true, heldDone, held).stream())
            .toList();
    return Uplift.of(recs, Map.of(), ValueFilter.ALL, null, null).rule("r1");
  }

  @Test
  void effective_56of70_against_48of80_withTheNumberNeededFromTheInvertedBounds() {
    RuleUplift u = uplift(56, 70, 48, 80);

    assertThat(u.notified()).isEqualTo(new Proportion(56, 70));
    assertThat(u.heldOut()).isEqualTo(new Proportion(48, 80));
    assertThat(u.difference().estimate()).isCloseTo(0.2, within(1e-12));
    assertThat(u.difference().lower()).isCloseTo(0.0524, within(PRINTED));
    assertThat(u.difference().upper()).isCloseTo(0.3339, within(PRINTED));
    assertThat(u.relativeUplift()).isCloseTo(0.2 / 0.6, within(1e-12));
    assertThat(u.numberNeededToNotify()).isCloseTo(5.0, within(1e-9));
    assertThat(u.numberNeededToNotifyInterval().lower()).isCloseTo(1 / 0.3339, within(0.0015));
    assertThat(u.numberNeededToNotifyInterval().upper()).isCloseTo(1 / 0.0524, within(0.02));
    assertThat(u.includesZero()).isFalse();
    assertThat(u.effective()).isTrue();
  }

  @Test
  void harmful_3of10_against_9of10_hasANegativeNumberNeeded_andIsNotEffective() {
    RuleUplift u = uplift(3, 10, 9, 10);

    assertThat(u.difference().lower()).isCloseTo(-0.8090, within(PRINTED));
    assertThat(u.difference().upper()).isCloseTo(-0.1705, within(PRINTED));
    assertThat(u.numberNeededToNotify()).isCloseTo(-1 / 0.6, within(1e-9));
    Interval harm = u.numberNeededToNotifyInterval();
    assertThat(harm.lower()).isCloseTo(1 / -0.17052272, within(1e-6));
    assertThat(harm.upper()).isCloseTo(1 / -0.80901797, within(1e-6));
    assertThat(u.includesZero()).isFalse();
    assertThat(u.effective()).isFalse();
  }

  @Test
  void intervalThroughZero_hasNoIntervalForTheNumberNeeded_andIsNotShownEffective() {
    RuleUplift u = uplift(9, 20, 8, 20);

    assertThat(u.difference().contains(0)).isTrue();
    assertThat(u.numberNeededToNotify()).isCloseTo(20.0, within(1e-9));
    assertThat(u.numberNeededToNotifyInterval()).isNull();
    assertThat(u.includesZero()).isTrue();
    assertThat(u.effective()).isFalse();
  }

  @Test
  void pValue_30of50_against_20of50_isThatOfChiSquare4WithOneDegree() {
    // Pooled rate 1/2, standard error √(¼·(1/50 + 1/50)) = 0.1, z = 0.2 / 0.1 = 2: χ² = z² = 4.
    assertThat(uplift(30, 50, 20, 50).pValue()).isCloseTo(0.0455003, within(1e-7));
  }

  @Test
  void pValue_agreesWithTheUncorrectedChiSquareTestOfThe2x2Table() {
    double chiSquare = new ChiSquareTest().chiSquareTest(new long[][] {{56, 14}, {48, 32}});

    assertThat(uplift(56, 70, 48, 80).pValue()).isCloseTo(chiSquare, within(1e-9));
    assertThat(chiSquare).isCloseTo(0.008045, within(1e-6));
  }

  @Test
  void noneOrAllCompleting_hasNothingToTest() {
    assertThat(uplift(0, 10, 0, 10).pValue()).isEqualTo(1.0);
    assertThat(uplift(10, 10, 5, 5).pValue()).isEqualTo(1.0);
  }

  @Test
  void noCompletionWhenHeldOut_hasNoRelativeUplift() {
    RuleUplift u = uplift(5, 20, 0, 20);

    assertThat(u.relativeUplift()).isNull();
    assertThat(u.difference().estimate()).isCloseTo(0.25, within(1e-12));
  }

  @Test
  void ruleWithoutAHoldout_showsItsRatesButNoDifference() {
    RuleUplift u = uplift(5, 20, 0, 0);

    assertThat(u.notifiedRate().estimate()).isEqualTo(0.25);
    assertThat(u.difference()).isNull();
    assertThat(u.pValue()).isNull();
    assertThat(u.numberNeededToNotify()).isNull();
    assertThat(u.includesZero()).isTrue();
    assertThat(u.effective()).isFalse();
  }

  @Test
  void withinDays_leavesOutTheRecentAndTheUnknown_inBothArms() {
    List<FollowedRecommendation> recs = new ArrayList<>();
    for (boolean heldOut : new boolean[] {false, true}) {
      // Counted: long enough ago. Completed on day 30 (in), on day 120 (out), open for 200 days.
      recs.add(old(heldOut).completedAfter(30).build());
      recs.add(old(heldOut).completedAfter(120).build());
      recs.add(old(heldOut).openFor(200).build());
      // Left out: expired after 40 days without completing — not known to complete within 90.
      recs.add(old(heldOut).openFor(40).build());
      // Left out: issued 20 days ago, whether completed or not.
      recs.add(recent(heldOut).completedAfter(5).build());
      recs.add(recent(heldOut).openFor(20).build());
    }
    // The held-out arm has one more counted failure.
    recs.add(old(true).openFor(200).build());

    UpliftReport within90 = Uplift.of(recs, Map.of(), ValueFilter.ALL, 90, ANALYSED);
    UpliftReport byNow = Uplift.of(recs, Map.of(), ValueFilter.ALL, null, null);

    assertThat(within90.withinDays()).isEqualTo(90);
    assertThat(within90.rule("r1").notified()).isEqualTo(new Proportion(1, 3));
    assertThat(within90.rule("r1").heldOut()).isEqualTo(new Proportion(1, 4));
    assertThat(byNow.withinDays()).isNull();
    assertThat(byNow.rule("r1").notified()).isEqualTo(new Proportion(3, 6));
    assertThat(byNow.rule("r1").heldOut()).isEqualTo(new Proportion(3, 7));
  }

  private static Followed old(boolean heldOut) {
    Followed r = Followed.rec().issuedDaysBefore(ANALYSED, 200);
    return heldOut ? r.heldOut() : r;
  }

  private static Followed recent(boolean heldOut) {
    Followed r = Followed.rec().issuedDaysBefore(ANALYSED, 20);
    return heldOut ? r.heldOut() : r;
  }

  @Test
  void withinDays_countsARecommendationIssuedExactlyThatLongAgo() {
    List<FollowedRecommendation> recs =
        List.of(
            Followed.rec().issuedDaysBefore(ANALYSED, 90).completedAfter(90).build(),
            Followed.rec().heldOut().issuedDaysBefore(ANALYSED, 90).openFor(90).build());

    RuleUplift u = Uplift.of(recs, Map.of(), ValueFilter.ALL, 90, ANALYSED).rule("r1");

    assertThat(u.notified()).isEqualTo(new Proportion(1, 1));
    assertThat(u.heldOut()).isEqualTo(new Proportion(0, 1));
  }

  @Test
  void withinDays_needsTheAnalysisDate_andAPositiveNumber() {
    assertThatThrownBy(() -> Uplift.of(List.of(), Map.of(), ValueFilter.ALL, 90, null))
        .hasMessageContaining("needs the analysis date");
    assertThatThrownBy(() -> Uplift.of(List.of(), Map.of(), ValueFilter.ALL, 0, ANALYSED))
        .hasMessageContaining("withinDays must be positive");
  }

  @Test
  void cohortFilter_isIgnored_butPatientFiltersApplyToBothArms() {
    List<FollowedRecommendation> recs =
        Stream.of(
                arm("r1", false, 3, 4).stream(),
                arm("r1", true, 1, 4).stream(),
                Stream.of(
                    Followed.rec().patient("man").completedAfter(2).build(),
                    Followed.rec().patient("man").heldOut().build()))
            .flatMap(s -> s)
            .toList();
    Map<String, PatientTraits> traits =
        Map.of("man", new PatientTraits("man", 60, "male", null, null, null));
    ValueFilter controlOnly =
        new ValueFilter(
            null, null, null, null, null, null, Cohort.CONTROL, null, null, null, null, null, null);
    ValueFilter men =
        new ValueFilter(
            null,
            null,
            null,
            null,
            null,
            null,
            Cohort.CONTROL,
            null,
            null,
            "male",
            null,
            null,
            null);

    RuleUplift all = Uplift.of(recs, traits, controlOnly, null, null).rule("r1");
    RuleUplift onlyMen = Uplift.of(recs, traits, men, null, null).rule("r1");

    assertThat(all.notified()).isEqualTo(new Proportion(4, 5));
    assertThat(all.heldOut()).isEqualTo(new Proportion(1, 5));
    assertThat(onlyMen.notified()).isEqualTo(new Proportion(1, 1));
    assertThat(onlyMen.heldOut()).isEqualTo(new Proportion(0, 1));
  }

  @Test
  void rules_inIdOrder_andSplitByConfiguration() {
    List<FollowedRecommendation> recs =
        Stream.of(
                arm("b", false, 1, 2).stream(),
                arm("a", true, 1, 2).stream(),
                Stream.of(
                    Followed.rec().rule("a").configuration(ValueConfiguration.SHOP).build(),
                    Followed.rec().rule("a").configuration(null).build()))
            .flatMap(s -> s)
            .toList();

    UpliftReport report = Uplift.of(recs, Map.of(), ValueFilter.ALL, null, null);

    assertThat(report.rules())
        .extracting(RuleUplift::ruleId, RuleUplift::configuration)
        .containsExactly(
            tuple("a", null),
            tuple("a", ValueConfiguration.CHAIN),
            tuple("a", ValueConfiguration.SHOP),
            tuple("b", ValueConfiguration.CHAIN));
  }
}
