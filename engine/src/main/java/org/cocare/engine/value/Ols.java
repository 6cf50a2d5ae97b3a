package org.cocare.engine.value;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/** Ordinary least squares with an intercept, by Commons Math's QR-based regression. */
final class Ols {
  /**
   * A QR pivot this small means a column is a combination of others. The pivots are column norms
   * after projection, at least about 1 for a category held by one patient, so exact collinearity
   * (pivots near 1e-13) is told apart from a rare level with room to spare.
   */
  private static final double SINGULARITY = 1e-8;

  private Ols() {}

  /** Fits {@code y ~ 1 + x}; {@code terms} names the columns of {@code x}. */
  static RegressionModel fit(
      String name, String response, double[] y, double[][] x, List<String> terms) {
    int n = y.length;
    int p = terms.size() + 1;
    if (n <= p) {
      throw new IllegalArgumentException(
          name + " model: " + n + " patients are too few for " + p + " coefficients");
    }
    OLSMultipleLinearRegression ols = regression(name, y, x);
    double[] beta;
    double[] se;
    try {
      beta = ols.estimateRegressionParameters();
      se = ols.estimateRegressionParametersStandardErrors();
    } catch (SingularMatrixException e) {
      throw collinear(name, terms);
    }
    int df = n - p;
    TDistribution t = new TDistribution(df);
    List<RegressionModel.Coefficient> coefficients = new ArrayList<>(p);
    for (int j = 0; j < p; j++) {
      double statistic = beta[j] / se[j];
      coefficients.add(
          new RegressionModel.Coefficient(
              j == 0 ? "Intercept" : terms.get(j - 1),
              beta[j],
              se[j],
              statistic,
              2 * t.cumulativeProbability(-Math.abs(statistic))));
    }
    return new RegressionModel(name, response, n, df, ols.calculateRSquared(), coefficients);
  }

  /** Only the coefficients, intercept first: what a bootstrap resample needs. */
  static double[] coefficients(String name, double[] y, double[][] x) {
    try {
      return regression(name, y, x).estimateRegressionParameters();
    } catch (SingularMatrixException e) {
      throw new IllegalStateException(
          name + " model: a bootstrap resample's columns are collinear");
    }
  }

  private static OLSMultipleLinearRegression regression(String name, double[] y, double[][] x) {
    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression(SINGULARITY);
    ols.newSampleData(y, x);
    return ols;
  }

  private static IllegalArgumentException collinear(String name, List<String> terms) {
    return new IllegalArgumentException(
        name
            + " model: its columns are collinear (a category that always comes with another, or"
            + " a control that does not vary?): "
            + terms);
  }
}
