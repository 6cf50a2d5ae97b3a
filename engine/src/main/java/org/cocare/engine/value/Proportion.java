package org.cocare.engine.value;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * {@code successes} out of {@code trials}: a funnel step's rate or a cohort's completion share,
 * with the interval estimates value analysis reports.
 */
public record Proportion(long successes, long trials) {
  private static final NormalDistribution NORMAL = new NormalDistribution();

  public Proportion {
    if (trials < 0 || successes < 0 || successes > trials) {
      throw new IllegalArgumentException(
          "need 0 <= successes <= trials, was " + successes + " of " + trials);
    }
  }

  /** The observed share; 0 when there were no trials. */
  public double rate() {
    return trials == 0 ? 0 : (double) successes / trials;
  }

  /**
   * The Wilson score interval (Wilson 1927; Newcombe 1998, method 3): well behaved for small counts
   * and rates near 0 or 1, where the plain normal interval is not. {@code [0, 1]} without trials.
   */
  public Interval wilson(double confidence) {
    if (trials == 0) {
      return new Interval(0, 0, 1);
    }
    double z = z(confidence);
    double n = trials;
    double p = rate();
    double centre = p + z * z / (2 * n);
    double spread = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
    double denominator = 1 + z * z / n;
    double lower = Math.max(0, (centre - spread) / denominator);
    double upper = Math.min(1, (centre + spread) / denominator);
    return new Interval(p, Math.min(lower, p), Math.max(upper, p));
  }

  /**
   * The difference {@code this − other} of two independent proportions with Newcombe's hybrid score
   * interval (Newcombe 1998, method 10), built from each proportion's Wilson interval: the uplift
   * of notified over held-out patients.
   */
  public Interval minus(Proportion other, double confidence) {
    Interval a = wilson(confidence);
    Interval b = other.wilson(confidence);
    double p1 = rate();
    double p2 = other.rate();
    double difference = p1 - p2;
    double lower = difference - Math.sqrt(square(p1 - a.lower()) + square(b.upper() - p2));
    double upper = difference + Math.sqrt(square(a.upper() - p1) + square(p2 - b.lower()));
    return new Interval(difference, lower, upper);
  }

  /** The two-sided normal quantile for a confidence level, e.g. 1.959964 for 0.95. */
  static double z(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be between 0 and 1, was " + confidence);
    }
    return NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
  }

  private static double square(double x) {
    return x * x;
  }
}
