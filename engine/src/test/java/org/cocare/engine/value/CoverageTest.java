package org.cocare.engine.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.assertj.core.api.SoftAssertions;
import org.cocare.engine.outcome.Cohort;
import org.cocare.engine.value.SyntheticCohort.SyntheticRule;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.ruleset.ValueConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whether the 95% intervals of the value figures contain the truth 95% of the time, on synthetic
 * cohorts whose truth is known from the generator's settings ({@link SyntheticRule}'s {@code true…}
 * methods). Over 200 seeds, each interval's misses must be a count that Binomial(seeds, 0.05) gives
 * with at least 0.1% probability on either side: too many misses is an interval too narrow or off
 * centre, too few an interval too wide to be of use. The seeds are 0 to 199, fixed, so the test is
 * deterministic; {@code -Dcoverage.seeds=2000} checks more closely (about 25 s).
 */
class CoverageTest {
  private static final int SEEDS = Integer.getInteger("coverage.seeds", 200);
  private static final double TAIL = 0.001;
  private static final int HORIZON = 90;
  private static final long EXAMPLE_SEED = 1;

  /** Four rules, one without effect; medians exist where more than half ever complete. */
  private static final List<SyntheticRule> RULES =
      List.of(
          new SyntheticRule(
              "no-effect", "c1", "m1", Kind.EDUCATION, ValueConfiguration.NETWORK, 0.3, 0.0, 60),
          new SyntheticRule(
              "small", "c2", "m2", Kind.SCREENING_REMINDER, ValueConfiguration.CHAIN, 0.3, 0.1, 45),
          new SyntheticRule(
              "large", "c3", "m3", Kind.SCREENING_REMINDER, ValueConfiguration.CHAIN, 0.4, 0.3, 30),
          new SyntheticRule(
              "slow", "c4", "m4", Kind.FOLLOW_UP_TASK, ValueConfiguration.SHOP, 0.6, 0.15, 90));

  /** Per checked figure: seeds checked, seeds whose interval missed the truth. */
  private static final Map<String, int[]> MISSES = new TreeMap<>();

  private static int zeroUpliftShownEffective;

  @BeforeAll
  static void analyseEverySeed() {
    MISSES.clear();
    zeroUpliftShownEffective = 0;
    for (int seed = 0; seed < SEEDS; seed++) {
      SyntheticCohort.Data data = SyntheticCohort.of(seed, RULES).generate();
      UpliftReport byNow =
          Uplift.of(data.recommendations(), data.traits(), ValueFilter.ALL, null, null);
      UpliftReport within =
          Uplift.of(
              data.recommendations(),
              data.traits(),
              ValueFilter.ALL,
              HORIZON,
              data.settings().analysisDate());
      for (SyntheticRule rule : RULES) {
        UpliftReport.RuleUplift now = byNow.rule(rule.ruleId());
        UpliftReport.RuleUplift soon = within.rule(rule.ruleId());
        String byDate = " by the analysis date, " + rule.ruleId();
        String inDays = " within " + HORIZON + " days, " + rule.ruleId();
        check("uplift" + byDate, now.difference().contains(rule.trueUpliftByAnalysisDate()));
        check("uplift" + inDays, soon.difference().contains(rule.trueUpliftWithin(HORIZON)));
        check(
            "notified completion" + byDate,
            now.notifiedRate().contains(rule.trueCompletedByAnalysisDate(false)));
        check(
            "held-out completion" + byDate,
            now.heldOutRate().contains(rule.trueCompletedByAnalysisDate(true)));
        check(
            "notified completion" + inDays,
            soon.notifiedRate().contains(rule.trueCompletedWithin(false, HORIZON)));
        check(
            "held-out completion" + inDays,
            soon.heldOutRate().contains(rule.trueCompletedWithin(true, HORIZON)));
        if (rule.trueUplift() == 0 && now.effective()) {
          zeroUpliftShownEffective++;
        }
        for (ClosureReport.Group arm : closureByArm(data, rule.ruleId()).groups()) {
          boolean heldOut = arm.name().equals(Cohort.CONTROL.code());
          String which = rule.ruleId() + " " + arm.name();
          check(
              "completed within " + HORIZON + " days, " + which,
              arm.horizon(HORIZON)
                  .completedWithin()
                  .contains(rule.trueCompletedWithin(heldOut, HORIZON)));
          OptionalDouble median = rule.trueMedianDays(heldOut);
          if (median.isPresent()) {
            check("median days, " + which, arm.median().contains(median.getAsDouble()));
          }
        }
      }
    }
  }

  private static ClosureReport closureByArm(SyntheticCohort.Data data, String ruleId) {
    ValueFilter rule =
        new ValueFilter(
            null, null, ruleId, null, null, null, null, null, null, null, null, null, null);
    return GapClosure.of(data.recommendations(), data.traits(), rule, Dimension.COHORT);
  }

  private static void check(String figure, boolean contained) {
    int[] counts = MISSES.computeIfAbsent(figure, f -> new int[2]);
    counts[0]++;
    counts[1] += contained ? 0 : 1;
  }

  @Test
  void everyFiguresInterval_containsTheTruthAboutNinetyFivePercentOfTheTime() {
    assertThat(MISSES.keySet())
        .as("figures checked")
        .hasSize(RULES.size() * 8 + 3)
        .anyMatch(f -> f.startsWith("median days, slow control"));
    SoftAssertions softly = new SoftAssertions();
    MISSES.forEach(
        (figure, counts) -> {
          BinomialDistribution chance = new BinomialDistribution(null, counts[0], 0.05);
          softly
              .assertThat(counts[1])
              .as("%s: %d of %d intervals missed the truth", figure, counts[1], counts[0])
              .isBetween(
                  chance.inverseCumulativeProbability(TAIL),
                  chance.inverseCumulativeProbability(1 - TAIL));
        });
    softly.assertAll();
  }

  /**
   * What the figures look like on one cohort. Any one seed misses about one interval in twenty, so
   * this shows containment, and the coverage test above is what checks it.
   */
  @Test
  void oneCohort_eachIntervalContainsItsTruth() {
    SyntheticCohort.Data data = SyntheticCohort.of(EXAMPLE_SEED, RULES).generate();
    SyntheticRule large = data.rule("large");
    SyntheticRule none = data.rule("no-effect");

    UpliftReport byNow =
        Uplift.of(data.recommendations(), data.traits(), ValueFilter.ALL, null, null);
    UpliftReport within =
        Uplift.of(
            data.recommendations(),
            data.traits(),
            ValueFilter.ALL,
            HORIZON,
            data.settings().analysisDate());
    ClosureReport arms = closureByArm(data, "large");
    ClosureReport.Group notified = arms.groups().get(0);
    ClosureReport.Group heldOut = arms.groups().get(1);

    assertThat(byNow.rule("large").difference().contains(large.trueUpliftByAnalysisDate()))
        .isTrue();
    assertThat(byNow.rule("large").effective()).isTrue();
    assertThat(within.rule("large").difference().contains(large.trueUpliftWithin(HORIZON)))
        .isTrue();
    assertThat(byNow.rule("no-effect").difference().contains(0)).isTrue();
    assertThat(byNow.rule("no-effect").effective()).isFalse();
    assertThat(notified.name()).isEqualTo("intervention");
    assertThat(
            notified
                .horizon(HORIZON)
                .completedWithin()
                .contains(large.trueCompletedWithin(false, HORIZON)))
        .isTrue();
    assertThat(
            heldOut
                .horizon(HORIZON)
                .completedWithin()
                .contains(large.trueCompletedWithin(true, HORIZON)))
        .isTrue();
    assertThat(notified.median().contains(large.trueMedianDays(false).orElseThrow())).isTrue();
    assertThat(large.trueMedianDays(true)).as("fewer than half ever complete").isEmpty();
    assertThat(none.trueUpliftByAnalysisDate()).isZero();
  }

  @Test
  void ruleWithoutEffect_isShownEffectiveNoMoreOftenThanTheOneSidedLevel() {
    BinomialDistribution chance = new BinomialDistribution(null, SEEDS, 0.025);

    assertThat(zeroUpliftShownEffective)
        .isLessThanOrEqualTo(chance.inverseCumulativeProbability(1 - TAIL));
  }
}
