package org.cocare.engine.value;

/** An estimate with its confidence interval. */
public record Interval(double estimate, double lower, double upper) {
  public Interval {
    if (!(lower <= estimate && estimate <= upper)) {
      throw new IllegalArgumentException(
          "estimate " + estimate + " outside its interval [" + lower + ", " + upper + "]");
    }
  }

  /** Whether the interval contains {@code value}. */
  public boolean contains(double value) {
    return lower <= value && value <= upper;
  }
}
