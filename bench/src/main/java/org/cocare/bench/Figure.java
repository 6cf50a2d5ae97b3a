package org.cocare.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One measured figure: its repeated runs, and the target it is compared with. {@code
 * higherIsBetter} says which side of the target passes; a figure without a target is reported, not
 * judged.
 */
public record Figure(
    String name, String unit, List<Double> runs, Double target, boolean higherIsBetter) {

  public Figure {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException(name + ": no runs");
    }
    runs = List.copyOf(runs);
  }

  /** A figure with no target. */
  public static Figure of(String name, String unit, List<Double> runs) {
    return new Figure(name, unit, runs, null, false);
  }

  /** A figure that passes at or below {@code target}. */
  public static Figure atMost(String name, String unit, List<Double> runs, double target) {
    return new Figure(name, unit, runs, target, false);
  }

  /** A figure that passes at or above {@code target}. */
  public static Figure atLeast(String name, String unit, List<Double> runs, double target) {
    return new Figure(name, unit, runs, target, true);
  }

  public double median() {
    List<Double> sorted = new ArrayList<>(runs);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  public double min() {
    return runs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  public double max() {
    return runs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }

  /** Null without a target; otherwise whether the median meets it. */
  public Boolean met() {
    if (target == null) {
      return null;
    }
    return higherIsBetter ? median() >= target : median() <= target;
  }

  /** A Markdown table row: figure, median, spread, runs, target, verdict. */
  public String row() {
    String verdict = met() == null ? "" : met() ? "✅ met" : "❌ missed";
    String goal = target == null ? "—" : (higherIsBetter ? "≥ " : "≤ ") + format(target);
    return String.format(
        Locale.ROOT,
        "| %s | %s %s | %s – %s | %d | %s | %s |",
        name,
        format(median()),
        unit,
        format(min()),
        format(max()),
        runs.size(),
        goal,
        verdict);
  }

  public static String header() {
    return "| figure | median | min – max | runs | target | |\n|---|---|---|---|---|---|";
  }

  static String format(double value) {
    double abs = Math.abs(value);
    if (abs == 0 || abs >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (abs >= 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.4g", value);
  }
}
