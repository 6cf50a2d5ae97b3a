package org.cocare.engine.value;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.cocare.engine.value.AnalysisDataset.Row;

/**
 * The mediation model of issue 6: participation ability → co-creation behaviour → perceived value,
 * controlling for age, gender, education, visit reason and department, with gender's moderation of
 * ability's effect on value.
 *
 * <ul>
 *   <li>total: {@code value ~ ability + controls}, ability's coefficient is the total effect c;
 *   <li>a: {@code mediator ~ ability + controls}, path a;
 *   <li>b: {@code value ~ ability + mediator + controls}, the direct effect c′ and path b;
 *   <li>moderation: {@code value ~ ability + mediator + controls + ability:male}, where the
 *       interaction says how much more (or less) ability adds to value for men than for the others;
 *       gender's own shift is among the controls.
 * </ul>
 *
 * The indirect effect a·b gets a percentile bootstrap interval: patients are resampled with
 * replacement and models a and b refitted on each resample.
 *
 * @param mediator what measures behaviour: the questionnaire scale or the share from the record
 * @param resamples bootstrap resamples, at least {@link #MIN_RESAMPLES}
 * @param seed the bootstrap's seed: the same seed on the same data gives the same interval
 */
public record Mediation(Mediator mediator, int resamples, long seed) {

  public static final int DEFAULT_RESAMPLES = 5000;

  /**
   * Fewer resamples leave the 2.5% and 97.5% points resting on a couple of dozen draws each, and
   * the interval moves visibly from seed to seed.
   */
  public static final int MIN_RESAMPLES = 1000;

  /** More buys no precision worth the time, and a request for millions would hold every core. */
  public static final int MAX_RESAMPLES = 20_000;

  public static final double CONFIDENCE = 0.95;

  /** What the models use as co-creation behaviour, the mediator. */
  public enum Mediator {
    /** The behaviour scale of the questionnaire, as the patient reports it. */
    BEHAVIOUR_SCALE("behaviour"),
    /** The share of the patient's recommendations acknowledged or completed, from the record. */
    RECORD_SHARE("recordBehaviour");

    private final String column;

    Mediator(String column) {
      this.column = column;
    }

    /** The dataset column, and the mediator's term in the models. */
    public String column() {
      return column;
    }

    /** The mediator whose column this is; refuses another name, listing the known ones. */
    public static Mediator fromColumn(String column) {
      return java.util.Arrays.stream(values())
          .filter(m -> m.column.equals(column))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "unknown mediator: " + column + " (known: behaviour, recordBehaviour)"));
    }
  }

  public Mediation {
    Objects.requireNonNull(mediator, "mediator");
    if (resamples < MIN_RESAMPLES) {
      throw new IllegalArgumentException(
          "the percentile bootstrap needs at least "
              + MIN_RESAMPLES
              + " resamples for stable 2.5% and 97.5% points; asked for "
              + resamples);
    }
    if (resamples > MAX_RESAMPLES) {
      throw new IllegalArgumentException(
          "at most " + MAX_RESAMPLES + " bootstrap resamples; asked for " + resamples);
    }
  }

  /** The behaviour scale as mediator, {@link #DEFAULT_RESAMPLES} resamples. */
  public static Mediation withSeed(long seed) {
    return new Mediation(Mediator.BEHAVIOUR_SCALE, DEFAULT_RESAMPLES, seed);
  }

  /**
   * Fits the four models on the dataset's rows with every control known and, when the record share
   * is the mediator, with a record share; every model uses the same patients, so that the total
   * effect splits exactly into direct and indirect ({@code c = c′ + a·b}).
   */
  public MediationReport fit(AnalysisDataset data) {
    Models m = models(data);
    return new MediationReport(
        mediator,
        data.rows().size(),
        data.missingControls(),
        m.missingMediator(),
        m.total(),
        m.a(),
        m.b(),
        m.moderation(),
        bootstrap(m.frame(), m.aDesign(), m.bDesign(), m.indirect()));
  }

  /** The four fitted models and what the bootstrap refits; the moderation model may be null. */
  record Models(
      ModelFrame frame,
      ModelFrame.Design aDesign,
      ModelFrame.Design bDesign,
      int missingMediator,
      RegressionModel total,
      RegressionModel a,
      RegressionModel b,
      RegressionModel moderation,
      double indirect) {}

  /** The models without the bootstrap, which is most of the time {@link #fit} takes. */
  Models models(AnalysisDataset data) {
    List<Row> complete = data.complete();
    List<Row> rows =
        mediator == Mediator.RECORD_SHARE
            ? complete.stream().filter(r -> r.recordBehaviour() != null).toList()
            : complete;
    ModelFrame frame = new ModelFrame(rows, mediator);
    ModelFrame.Design aDesign = frame.design(false, false);
    ModelFrame.Design bDesign = frame.design(true, false);
    String m = mediator.column();

    // The total model has the same columns as model a; only the response differs.
    RegressionModel total = Ols.fit("total", "value", frame.value, aDesign.x(), aDesign.terms());
    RegressionModel a = Ols.fit("a", m, frame.mediator, aDesign.x(), aDesign.terms());
    RegressionModel b = Ols.fit("b", "value", frame.value, bDesign.x(), bDesign.terms());
    RegressionModel moderation = null;
    if (frame.hasBothMaleAndOthers()) {
      ModelFrame.Design design = frame.design(true, true);
      moderation = Ols.fit("moderation", "value", frame.value, design.x(), design.terms());
    }
    return new Models(
        frame,
        aDesign,
        bDesign,
        complete.size() - rows.size(),
        total,
        a,
        b,
        moderation,
        a.estimate("ability") * b.estimate(m));
  }

  /**
   * Resamples patients and refits a and b. Each resample draws from its own generator, split in
   * order from the seed, so the result does not depend on how many threads share the work; each
   * thread reuses its arrays, and a resample's design is the original rows picked by index, so
   * nothing is copied until Commons Math takes its own copy.
   */
  private BootstrapInterval bootstrap(
      ModelFrame frame, ModelFrame.Design aDesign, ModelFrame.Design bDesign, double estimate) {
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom[] draws = new SplittableRandom[resamples];
    for (int r = 0; r < resamples; r++) {
      draws[r] = root.split();
    }
    double[] products = new double[resamples];
    int chunks = Math.min(resamples, Runtime.getRuntime().availableProcessors());
    int reduced =
        IntStream.range(0, chunks)
            .parallel()
            .map(
                chunk ->
                    resample(
                        frame,
                        aDesign,
                        bDesign,
                        draws,
                        products,
                        resamples * chunk / chunks,
                        resamples * (chunk + 1) / chunks))
            .sum();
    Percentile quantile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
    quantile.setData(products);
    double tail = (1 - CONFIDENCE) / 2 * 100;
    return new BootstrapInterval(
        estimate,
        quantile.evaluate(tail),
        quantile.evaluate(100 - tail),
        CONFIDENCE,
        resamples,
        seed,
        reduced);
  }

  /** Resamples {@code from} to {@code to}; returns how many had to leave a category column out. */
  private static int resample(
      ModelFrame frame,
      ModelFrame.Design aDesign,
      ModelFrame.Design bDesign,
      SplittableRandom[] draws,
      double[] products,
      int from,
      int to) {
    int n = frame.n();
    double[][] xa = new double[n][];
    double[][] xb = new double[n][];
    double[] ya = new double[n];
    double[] yb = new double[n];
    int reduced = 0;
    for (int r = from; r < to; r++) {
      SplittableRandom random = draws[r];
      for (int i = 0; i < n; i++) {
        int k = random.nextInt(n);
        xa[i] = aDesign.x()[k];
        xb[i] = bDesign.x()[k];
        ya[i] = frame.mediator[k];
        yb[i] = frame.value[k];
      }
      boolean[] dropA = absentLevels(xa, aDesign.factors());
      boolean[] dropB = absentLevels(xb, bDesign.factors());
      if (dropA != null) {
        reduced++;
      }
      // Ability is column 0 of both designs and the mediator column 1 of b's; neither is a
      // category, so neither is ever dropped and their coefficients stay at 1 and 2.
      double pathA = Ols.coefficients("a", ya, dropA == null ? xa : without(xa, dropA))[1];
      double pathB = Ols.coefficients("b", yb, dropB == null ? xb : without(xb, dropB))[2];
      products[r] = pathA * pathB;
    }
    return reduced;
  }

  /**
   * The category columns to leave out of a resample that has no patient of some level: that level's
   * dummy is all zero; and when the reference level is missing, the remaining dummies add up to the
   * intercept, so one more goes (its level becomes the reference). Null when every level is
   * present.
   */
  static boolean[] absentLevels(double[][] x, int[][] factors) {
    boolean[] drop = null;
    for (int[] factor : factors) {
      int[] counts = new int[factor.length];
      for (double[] row : x) {
        for (int k = 0; k < factor.length; k++) {
          if (row[factor[k]] != 0) {
            counts[k]++;
          }
        }
      }
      int reference = x.length - Arrays.stream(counts).sum();
      boolean referenceTaken = reference > 0;
      for (int k = 0; k < factor.length; k++) {
        if (counts[k] == 0 || !referenceTaken) {
          if (drop == null) {
            drop = new boolean[x[0].length];
          }
          drop[factor[k]] = true;
          referenceTaken |= counts[k] > 0;
        }
      }
    }
    return drop;
  }

  private static double[][] without(double[][] x, boolean[] drop) {
    int kept = 0;
    for (boolean d : drop) {
      kept += d ? 0 : 1;
    }
    double[][] reduced = new double[x.length][kept];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0, c = 0; j < drop.length; j++) {
        if (!drop[j]) {
          reduced[i][c++] = x[i][j];
        }
      }
    }
    return reduced;
  }
}
