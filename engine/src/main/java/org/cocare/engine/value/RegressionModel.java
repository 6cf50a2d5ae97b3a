package org.cocare.engine.value;

import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * One fitted ordinary least squares model.
 *
 * @param name the model's role in the analysis: {@code total}, {@code a}, {@code b} or {@code
 *     moderation}
 * @param response the column it explains
 * @param n patients it was fitted on
 * @param df residual degrees of freedom: {@code n} less the number of coefficients
 * @param coefficients {@code Intercept} first, then the terms in the order they were given
 */
public record RegressionModel(
    String name,
    String response,
    int n,
    int df,
    double rSquared,
    List<RegressionModel.Coefficient> coefficients) {

  /**
   * One term's estimate with its classical (homoskedastic) standard error, its t statistic and its
   * two-sided p value on the model's residual degrees of freedom.
   *
   * @param term the column name, as patsy would name it, e.g. {@code C(education)[T.tertiary]}
   */
  public record Coefficient(
      String term, double estimate, double standardError, double t, double p) {
    public Coefficient {
      Objects.requireNonNull(term, "term");
      if (!Double.isFinite(estimate) || !(standardError >= 0)) {
        throw new IllegalArgumentException(
            term + ": estimate " + estimate + " with standard error " + standardError);
      }
    }
  }

  public RegressionModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(response, "response");
    coefficients = List.copyOf(coefficients);
    if (df < 1 || n != df + coefficients.size()) {
      throw new IllegalArgumentException(
          name + ": " + n + " patients, " + coefficients.size() + " coefficients, df " + df);
    }
    if (coefficients.stream().map(Coefficient::term).distinct().count() != coefficients.size()) {
      throw new IllegalArgumentException(name + ": a term appears twice");
    }
  }

  /** The term's coefficient; fails naming the terms the model has when it has no such term. */
  public Coefficient coefficient(String term) {
    return coefficients.stream()
        .filter(c -> c.term().equals(term))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    name + " has no term " + term + "; its terms: " + terms()));
  }

  public double estimate(String term) {
    return coefficient(term).estimate();
  }

  public List<String> terms() {
    return coefficients.stream().map(Coefficient::term).toList();
  }

  /** The term's t-based confidence interval, {@code estimate ± t(df) · standard error}. */
  public Interval interval(String term, double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be between 0 and 1, was " + confidence);
    }
    Coefficient c = coefficient(term);
    double half =
        new TDistribution(df).inverseCumulativeProbability(1 - (1 - confidence) / 2)
            * c.standardError();
    return new Interval(c.estimate(), c.estimate() - half, c.estimate() + half);
  }
}
