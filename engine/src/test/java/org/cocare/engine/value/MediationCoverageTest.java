package org.cocare.engine.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.cocare.engine.value.Mediation.Mediator;
import org.junit.jupiter.api.Test;

/**
 * Whether the 95% intervals contain the paths the data were generated with about 95% of the time.
 * The data are {@link SyntheticAnswers}' latent scale scores, on which the generating model is a
 * linear model with normal errors, so the paths are the models' true coefficients (see there for
 * why not the Likert scores). Per quantity, misses over the seeds may not exceed the 99.9% point of
 * Binomial(seeds, 0.05): an honest 95% interval fails this one time in a thousand.
 */
class MediationCoverageTest {
  private static final SyntheticAnswers.Paths TRUTH = SyntheticAnswers.Paths.typical();
  private static final int PATIENTS = 400;

  /**
   * The t intervals: a in model a; c′ (for patients who are not men), b and the interaction in the
   * moderation model, which matches the generating model; and b and the gender-averaged direct
   * effect in model b. Model b leaves the interaction out, so its errors hold a small part that
   * depends on ability and gender; its intervals are honest to within a few percent, well inside
   * the binomial margin. Besides coverage, the mean estimate must be unbiased and the standard
   * errors must match the estimates' spread over the seeds, which coverage alone would not catch
   * when intervals are too wide.
   */
  @Test
  void tIntervals_containTheTruePaths_atTheNominalRate() {
    int seeds = 200;
    Map<String, Quantity> quantities = new LinkedHashMap<>();
    quantities.put("a", new Quantity(m -> TRUTH.a()));
    quantities.put("b", new Quantity(m -> TRUTH.b()));
    quantities.put("c′ (not men)", new Quantity(m -> TRUTH.cPrime()));
    quantities.put("ability:male", new Quantity(m -> TRUTH.genderModeration()));
    quantities.put("b (moderation)", new Quantity(m -> TRUTH.b()));
    quantities.put("c′ (averaged)", new Quantity(m -> TRUTH.averageDirectEffect(maleShare(m))));

    for (int seed = 0; seed < seeds; seed++) {
      AnalysisDataset data = SyntheticAnswers.typical().generate(PATIENTS, seed).latent();
      Mediation.Models m = new Mediation(Mediator.BEHAVIOUR_SCALE, 1000, seed).models(data);
      quantities.get("a").add(m, m.a(), "ability");
      quantities.get("b").add(m, m.b(), "behaviour");
      quantities.get("c′ (not men)").add(m, m.moderation(), "ability");
      quantities.get("ability:male").add(m, m.moderation(), "ability:male");
      quantities.get("b (moderation)").add(m, m.moderation(), "behaviour");
      quantities.get("c′ (averaged)").add(m, m.b(), "ability");
    }

    int allowed = allowedMisses(seeds);
    quantities.forEach(
        (name, q) -> {
          assertThat(q.misses).as(name + " misses of " + seeds).isLessThanOrEqualTo(allowed);
          assertThat(q.error.getMean())
              .as(name + " mean error (estimate − truth)")
              .isBetween(
                  -4 * q.error.getStandardDeviation() / Math.sqrt(seeds),
                  4 * q.error.getStandardDeviation() / Math.sqrt(seeds));
          assertThat(q.standardError.getMean() / q.error.getStandardDeviation())
              .as(name + " mean standard error / spread of the estimates")
              .isBetween(0.85, 1.15);
        });
  }

  /** Percentile bootstrap with 1,000 resamples over fewer seeds, to keep the time down. */
  @Test
  void bootstrapIntervalOfTheIndirectEffect_containsAB_atTheNominalRate() {
    int seeds = 60;
    int misses = 0;
    for (int seed = 0; seed < seeds; seed++) {
      AnalysisDataset data = SyntheticAnswers.typical().generate(PATIENTS, 1000 + seed).latent();
      MediationReport report = new Mediation(Mediator.BEHAVIOUR_SCALE, 1000, seed).fit(data);
      if (!report.indirect().contains(TRUTH.indirect())) {
        misses++;
      }
    }

    assertThat(misses).as("a·b misses of " + seeds).isLessThanOrEqualTo(allowedMisses(seeds));
  }

  /** The default 5,000 resamples on 500 patients, timed (see the message for the time taken). */
  @Test
  void defaultBootstrap_onFiveHundredPatients_containsAB_inSeconds() {
    AnalysisDataset data = SyntheticAnswers.typical().generate(500, 77).latent();

    long start = System.nanoTime();
    MediationReport report = Mediation.withSeed(77).fit(data);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(report.indirect().resamples()).isEqualTo(5000);
    assertThat(report.indirect().contains(TRUTH.indirect()))
        .as("%s contains %s", report.indirect(), TRUTH.indirect())
        .isTrue();
    // A guard against a pathological slow-down only: on two busy cores this takes 1–4 s.
    assertThat(took).as("5000 resamples took %s", took).isLessThan(Duration.ofSeconds(30));
  }

  private static int allowedMisses(int seeds) {
    return new BinomialDistribution(seeds, 0.05).inverseCumulativeProbability(0.999);
  }

  private static double maleShare(Mediation.Models m) {
    return m.frame().maleShare();
  }

  private static final class Quantity {
    final ToDoubleFunction<Mediation.Models> truth;
    final SummaryStatistics error = new SummaryStatistics();
    final SummaryStatistics standardError = new SummaryStatistics();
    int misses;

    Quantity(ToDoubleFunction<Mediation.Models> truth) {
      this.truth = truth;
    }

    void add(Mediation.Models m, RegressionModel model, String term) {
      double truthValue = truth.applyAsDouble(m);
      if (!model.interval(term, 0.95).contains(truthValue)) {
        misses++;
      }
      error.addValue(model.estimate(term) - truthValue);
      standardError.addValue(model.coefficient(term).standardError());
    }
  }
}
