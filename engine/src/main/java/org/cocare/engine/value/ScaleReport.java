package org.cocare.engine.value;

import java.util.List;
import java.util.Objects;
import org.cocare.fhir.value.Scale;

/**
 * How one questionnaire scale was answered: its items' means, the scale score's mean and standard
 * deviation, and its internal consistency (Cronbach's alpha).
 *
 * @param items the scale's item {@code linkId}s, in questionnaire order
 * @param n patients whose newest response answered every item of the scale
 * @param itemMeans each item's mean, in the order of {@code items}; NaN when {@code n} is 0
 * @param mean the mean scale score (a score is the mean of the scale's items); NaN when {@code n}
 *     is 0
 * @param sd the scale scores' sample standard deviation; NaN below two responses
 * @param cronbachAlpha {@code k/(k−1)·(1 − Σ item variances / variance of the item sum)}, sample
 *     variances; NaN below two responses or when the item sum does not vary
 */
public record ScaleReport(
    Scale scale,
    List<String> items,
    int n,
    List<Double> itemMeans,
    double mean,
    double sd,
    double cronbachAlpha) {

  public ScaleReport {
    Objects.requireNonNull(scale, "scale");
    items = List.copyOf(items);
    itemMeans = List.copyOf(itemMeans);
    if (n < 0) {
      throw new IllegalArgumentException(scale.code() + ": negative response count " + n);
    }
    if (items.size() != itemMeans.size()) {
      throw new IllegalArgumentException(
          scale.code() + ": " + items.size() + " items but " + itemMeans.size() + " item means");
    }
    // NaN is allowed (too few responses). Alpha cannot exceed 1 but for rounding (identical items
    // may give 1 + 2e-16); clearly above it, the arithmetic went wrong.
    if (cronbachAlpha > 1 + 1e-9) {
      throw new IllegalArgumentException(scale.code() + ": alpha above 1: " + cronbachAlpha);
    }
  }
}
