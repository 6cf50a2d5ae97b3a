package org.cocare.engine.value;

/**
 * A percentile bootstrap interval with the settings that produced it, so a report can say how it
 * was made and a reader can reproduce it.
 *
 * <p>Not an {@link Interval}: a percentile interval need not contain the estimate from the full
 * sample (with a skewed bootstrap distribution it may not), and {@code Interval} requires that.
 *
 * @param estimate the statistic on the full sample
 * @param lower the {@code (1 − confidence)/2} quantile of the resampled statistics (R's type 7)
 * @param upper the {@code 1 − (1 − confidence)/2} quantile
 * @param resamples how many resamples were drawn
 * @param seed the seed they were drawn with
 * @param reducedResamples resamples that missed every patient of some category and were fitted
 *     without that category's column (the other coefficients are the same as with it, since an
 *     all-zero column adds nothing to what the model can fit)
 */
public record BootstrapInterval(
    double estimate,
    double lower,
    double upper,
    double confidence,
    int resamples,
    long seed,
    int reducedResamples) {

  public BootstrapInterval {
    if (!(lower <= upper)) {
      throw new IllegalArgumentException("lower " + lower + " above upper " + upper);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be between 0 and 1, was " + confidence);
    }
    if (resamples < 1 || reducedResamples < 0 || reducedResamples > resamples) {
      throw new IllegalArgumentException(
          reducedResamples + " reduced of " + resamples + " resamples");
    }
  }

  public boolean contains(double value) {
    return lower <= value && value <= upper;
  }
}
