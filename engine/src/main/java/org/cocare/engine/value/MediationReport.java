package org.cocare.engine.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The fitted mediation and moderation models (see {@link Mediation}) with the indirect effect and
 * how many patients were left out and why.
 *
 * @param rows patients in the dataset
 * @param missingControls of them, left out for a missing control (listwise deletion)
 * @param missingMediator of the rest, left out for having no record share when that is the mediator
 *     (they had no covered recommendation)
 * @param total {@code value ~ ability + controls}
 * @param pathA {@code mediator ~ ability + controls}
 * @param pathB {@code value ~ ability + mediator + controls}
 * @param moderation {@code value ~ ability + mediator + controls + ability:male}; null when the
 *     analysed patients are all men or include none, so gender cannot moderate
 * @param indirect a·b with its percentile bootstrap interval and settings
 */
public record MediationReport(
    Mediation.Mediator mediator,
    int rows,
    int missingControls,
    int missingMediator,
    RegressionModel total,
    RegressionModel pathA,
    RegressionModel pathB,
    RegressionModel moderation,
    BootstrapInterval indirect) {

  public MediationReport {
    Objects.requireNonNull(mediator, "mediator");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(pathA, "pathA");
    Objects.requireNonNull(pathB, "pathB");
    Objects.requireNonNull(indirect, "indirect");
    if (rows - missingControls - missingMediator != total.n()) {
      throw new IllegalArgumentException(
          rows
              + " rows less "
              + missingControls
              + " and "
              + missingMediator
              + " left out is not the "
              + total.n()
              + " analysed");
    }
  }

  /** Patients the models were fitted on. */
  public int analysed() {
    return total.n();
  }

  /** Path a: how much the mediator rises per point of ability. */
  public double a() {
    return pathA.estimate("ability");
  }

  /** Path b: how much value rises per point of the mediator, ability held fixed. */
  public double b() {
    return pathB.estimate(mediator.column());
  }

  /** The total effect c of ability on value. */
  public double c() {
    return total.estimate("ability");
  }

  /** The direct effect c′ of ability on value, the mediator held fixed (averaged over gender). */
  public double cPrime() {
    return pathB.estimate("ability");
  }

  /** The indirect effect a·b. */
  public double indirectEffect() {
    return indirect.estimate();
  }

  /**
   * The proportion mediated, a·b divided by the total effect c (= c′ + a·b on these data). Unstable
   * when c is near zero, and outside 0–1 when direct and indirect effects have opposite signs.
   */
  public double proportionMediated() {
    return indirect.estimate() / c();
  }

  /** How much more ability adds to value for men than for others; NaN without the model. */
  public double interaction() {
    return moderation == null ? Double.NaN : moderation.estimate(ModelFrame.INTERACTION);
  }

  /** The fitted models, in the order total, a, b, moderation (when fitted). */
  public List<RegressionModel> models() {
    return Stream.of(total, pathA, pathB, moderation).filter(Objects::nonNull).toList();
  }

  /**
   * Every coefficient as CSV: {@code model,term,estimate,std_error}, numbers in full precision
   * ({@link Double#toString}), for checking against another implementation.
   */
  public String coefficientsCsv() {
    StringBuilder csv = new StringBuilder();
    Csv.line(csv, List.of("model", "term", "estimate", "std_error"));
    for (RegressionModel model : models()) {
      for (RegressionModel.Coefficient c : model.coefficients()) {
        List<String> fields = new ArrayList<>(4);
        fields.add(model.name());
        fields.add(c.term());
        fields.add(Double.toString(c.estimate()));
        fields.add(Double.toString(c.standardError()));
        Csv.line(csv, fields);
      }
    }
    return csv.toString();
  }
}
