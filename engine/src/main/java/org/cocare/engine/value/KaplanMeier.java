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
  private final double longestFollowUp;

  private KaplanMeier(List<Step> steps, double longestFollowUp) {
    this.steps = List.copyOf(steps);
    this.longestFollowUp = longestFollowUp;
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
    return new KaplanMeier(steps, sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1).time());
  }

  public List<Step> steps() {
    return steps;
  }

  /**
   * The longest time any observation was followed, completed or not (0 without observations):
   * beyond it the curve is only carried forward, and says nothing about later completions.
   */
  public double longestFollowUp() {
    return longestFollowUp;
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

  /**
   * {@code S(t)} with its pointwise confidence interval on the log(−log) scale (Kalbfleisch and
   * Prentice): {@code S^exp(±z·se)} with {@code se = √(Σ d / (n (n − d))) / |log S|} from
   * Greenwood's sum. Unlike the plain {@code S ± z·se(S)} it stays inside [0, 1] and is not
   * symmetric near the ends, where the plain one covers poorly. Before the first completion it is
   * {@code [1, 1]}; once every one at risk has completed, {@code [0, 0]}.
   */
  public Interval survivalInterval(double t, double confidence) {
    double z = Proportion.z(confidence);
    Step last = null;
    for (Step step : steps) {
      if (step.time() > t) {
        break;
      }
      last = step;
    }
    if (last == null) {
      return new Interval(1, 1, 1);
    }
    return new Interval(last.survival(), band(last, z), band(last, -z));
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
