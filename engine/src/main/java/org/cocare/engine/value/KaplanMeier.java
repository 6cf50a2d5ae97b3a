package org.cocare.engine.value;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * Time to completion by the Kaplan–Meier product-limit estimator: a recommendation completed after
 * {@code time} days is an event; one still open, or expired, at {@code time} is censored there (it
 * was not seen completing). {@code S(t)} is the share not yet completed after {@code t} days;
 * Greenwood's variance; the median with the Brookmeyer–Crowley interval on the log(−log) scale.
 */
public final class KaplanMeier {

  /** One recommendation: days observed, and whether it completed then. */
  public record Observation(double time, boolean completed) {
    public Observation {
      if (!(time >= 0)) {
        throw new IllegalArgumentException("time must be 0 or more, was " + time);
      }
    }
  }

  /**
   * One step of the curve, at a time with completions: at risk just before, completed then, the
   * share not yet completed after it, and the Greenwood sum Σ d / (n (n − d)) up to it.
   */
  public record Step(double time, long atRisk, long completed, double survival, double greenwood) {
    /** Greenwood's standard error of {@code survival}. */
    public double standardError() {
      return survival * Math.sqrt(greenwood);
    }
  }

  private final List<Step> steps;

  private KaplanMeier(List<Step> steps) {
    this.steps = List.copyOf(steps);
  }

  public static KaplanMeier of(List<Observation> observations) {
    List<Observation> sorted = new ArrayList<>(observations);
    sorted.sort(Comparator.comparingDouble(Observation::time));
    List<Step> steps = new ArrayList<>();
    long atRisk = sorted.size();
    double survival = 1;
    double greenwood = 0;
    int i = 0;
    while (i < sorted.size()) {
      double time = sorted.get(i).time();
      long completed = 0;
      long leaving = 0;
      while (i < sorted.size() && sorted.get(i).time() == time) {
        completed += sorted.get(i).completed() ? 1 : 0;
        leaving++;
        i++;
      }
      if (completed > 0) {
        survival *= 1 - (double) completed / atRisk;
        greenwood +=
            atRisk == completed
                ? Double.POSITIVE_INFINITY
                : (double) completed / (atRisk * (atRisk - completed));
        steps.add(new Step(time, atRisk, completed, survival, greenwood));
      }
      atRisk -= leaving;
    }
    return new KaplanMeier(steps);
  }

  public List<Step> steps() {
    return steps;
  }

  /** {@code S(t)}: the share not completed after {@code t} days (1 before the first completion). */
  public double survival(double t) {
    double s = 1;
    for (Step step : steps) {
      if (step.time() > t) {
        break;
      }
      s = step.survival();
    }
    return s;
  }

  /** The share completed within {@code days}: {@code 1 − S(days)}. */
  public double completedWithin(double days) {
    return 1 - survival(days);
  }

  /** The median time to completion; empty when fewer than half ever completed. */
  public OptionalDouble median() {
    return firstTime(step -> step.survival() <= 0.5);
  }

  /**
   * The lower bound of the median's Brookmeyer–Crowley interval: the first time the lower log(−log)
   * confidence band of {@code S} reaches one half; empty when it never does.
   */
  public OptionalDouble medianLower(double confidence) {
    double z = Proportion.z(confidence);
    return firstTime(step -> band(step, z) <= 0.5);
  }

  /** The upper bound of the median's interval; empty when the data never reach it. */
  public OptionalDouble medianUpper(double confidence) {
    double z = Proportion.z(confidence);
    return firstTime(step -> band(step, -z) <= 0.5);
  }

  /**
   * {@code S^exp(z·se(log(−log S)))}: the lower band for positive {@code z}, upper for negative.
   */
  private static double band(Step step, double z) {
    double s = step.survival();
    if (s <= 0 || s >= 1 || Double.isInfinite(step.greenwood())) {
      return s;
    }
    double logS = Math.log(s);
    double se = Math.sqrt(step.greenwood()) / Math.abs(logS);
    return Math.pow(s, Math.exp(z * se));
  }

  private OptionalDouble firstTime(Predicate<Step> reached) {
    return steps.stream().filter(reached).mapToDouble(Step::time).findFirst();
  }
}
