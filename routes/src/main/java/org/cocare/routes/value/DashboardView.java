package org.cocare.routes.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.cocare.engine.value.BootstrapInterval;
import org.cocare.engine.value.ClosureReport;
import org.cocare.engine.value.FunnelReport;
import org.cocare.engine.value.Interval;
import org.cocare.engine.value.MediationReport;
import org.cocare.engine.value.RegressionModel;
import org.cocare.engine.value.ScaleReport;
import org.cocare.engine.value.Stage;
import org.cocare.engine.value.UpliftReport;
import org.cocare.fhir.value.Scale;

/**
 * What the dashboard's charts and tables show, taken from the engine's reports and nothing more:
 * the page's JSON ({@code #value-data}) and its tables are both made from this, so the two cannot
 * disagree. Doubles that the engine reports as NaN (a scale answered by fewer than two patients)
 * become null here, since {@code JSON.parse} refuses NaN.
 *
 * @param labels the translated words the script puts on the charts, by key
 */
record DashboardView(
    Map<String, String> labels,
    FunnelView funnel,
    UpliftView uplift,
    ClosureView closure,
    PathView path) {

  /** Share of the issued recommendations that reached each stage, per group. */
  record FunnelView(String by, List<String> stages, List<String> stageLabels, List<Group> groups) {
    record Group(String name, String label, long issued, List<Share> stages) {}

    /** {@code share} with its Wilson 95% interval. */
    record Share(String stage, long count, double share, double lower, double upper) {}

    static FunnelView of(
        FunnelReport report, UnaryOperator<String> levelLabel, Function<Stage, String> stageLabel) {
      List<Group> groups = new ArrayList<>();
      for (FunnelReport.Group g : report.groups()) {
        List<Share> shares = new ArrayList<>();
        for (FunnelReport.StageFigure s : g.stages()) {
          Interval i = s.ofIssued();
          shares.add(new Share(s.stage().code(), s.count(), i.estimate(), i.lower(), i.upper()));
        }
        groups.add(new Group(g.name(), levelLabel.apply(g.name()), g.issued(), shares));
      }
      return new FunnelView(
          report.dimension().code(),
          Arrays.stream(Stage.values()).map(Stage::code).toList(),
          Arrays.stream(Stage.values()).map(stageLabel).toList(),
          groups);
    }
  }

  /**
   * Notified against held-out completion per rule.
   *
   * @param withinDays null: completed by the analysis date
   */
  record UpliftView(Integer withinDays, List<Rule> rules) {

    /**
     * One rule (or one rule in one value configuration, when its configuration changed during the
     * period: then it shows twice, as the engine keeps the figures apart).
     *
     * @param label what the chart's axis shows: the rule id, with its configuration when it shows
     *     twice
     * @param difference notified minus held-out rate with Newcombe's 95% interval; all three null
     *     when an arm is empty
     */
    record Rule(
        String rule,
        String label,
        String title,
        String configuration,
        long notifiedCompleted,
        long notified,
        double notifiedRate,
        long heldOutCompleted,
        long heldOut,
        double heldOutRate,
        Double difference,
        Double lower,
        Double upper,
        Double pValue,
        Double numberNeeded,
        boolean includesZero,
        boolean effective) {}

    static UpliftView of(UpliftReport report, Map<String, String> titles) {
      List<Rule> rules = new ArrayList<>();
      for (UpliftReport.RuleUplift r : report.rules()) {
        boolean twice =
            report.rules().stream().filter(o -> o.ruleId().equals(r.ruleId())).count() > 1;
        String configuration = r.configuration() == null ? null : r.configuration().code();
        Interval d = r.difference();
        rules.add(
            new Rule(
                r.ruleId(),
                twice ? r.ruleId() + " (" + configuration + ")" : r.ruleId(),
                titles.get(r.ruleId()),
                configuration,
                r.notified().successes(),
                r.notified().trials(),
                r.notified().rate(),
                r.heldOut().successes(),
                r.heldOut().trials(),
                r.heldOut().rate(),
                d == null ? null : d.estimate(),
                d == null ? null : d.lower(),
                d == null ? null : d.upper(),
                finite(r.pValue()),
                finite(r.numberNeededToNotify()),
                r.includesZero(),
                r.effective()));
      }
      return new UpliftView(report.withinDays(), rules);
    }
  }

  /** The share completed over time, per group. */
  record ClosureView(String by, List<Integer> horizons, List<Group> groups) {

    /**
     * One group.
     *
     * @param within the share completed within each of {@code horizons}; an element is null when
     *     nobody in the group was followed that long
     * @param median days to completion; null when fewer than half were seen completing
     * @param curve {@code [days, completed, lower, upper]}, starting at {@code [0, 0, 0, 0]}: the
     *     engine's curve is 0 before its first point
     */
    record Group(
        String name,
        String label,
        long recommendations,
        long completed,
        List<Share> within,
        Double median,
        Double medianLower,
        Double medianUpper,
        List<double[]> curve) {}

    record Share(int days, double share, double lower, double upper) {}

    static ClosureView of(ClosureReport report, UnaryOperator<String> levelLabel) {
      List<Integer> horizons = new ArrayList<>();
      List<Group> groups = new ArrayList<>();
      for (ClosureReport.Group g : report.groups()) {
        List<Share> within = new ArrayList<>();
        for (ClosureReport.Horizon h : g.horizons()) {
          if (!horizons.contains(h.days())) {
            horizons.add(h.days());
          }
          Interval i = h.completedWithin();
          within.add(i == null ? null : new Share(h.days(), i.estimate(), i.lower(), i.upper()));
        }
        List<double[]> curve = new ArrayList<>();
        curve.add(new double[] {0, 0, 0, 0});
        for (ClosureReport.CurvePoint p : g.curve()) {
          curve.add(new double[] {p.days(), p.completed(), p.lower(), p.upper()});
        }
        ClosureReport.Median m = g.median();
        groups.add(
            new Group(
                g.name(),
                levelLabel.apply(g.name()),
                g.recommendations(),
                g.completed(),
                within,
                m.days(),
                m.lower(),
                m.upper(),
                curve));
      }
      return new ClosureView(report.dimension().code(), horizons, groups);
    }
  }

  /**
   * Ability → behaviour → value.
   *
   * @param fitted false when the models could not be fitted on these patients; {@code problem} then
   *     says why, and every estimate is null
   * @param analysed patients the models were fitted on
   * @param a ability → behaviour, with its t-based 95% interval
   * @param b behaviour → value, ability held fixed
   * @param cPrime ability → value, behaviour held fixed (the direct effect)
   * @param c ability → value (the total effect)
   * @param indirect a·b with its percentile bootstrap interval
   * @param interaction how much more ability adds to value for men than for the others; null when
   *     the patients are all men or include none
   */
  record PathView(
      boolean fitted,
      String problem,
      Integer analysed,
      Estimate a,
      Estimate b,
      Estimate cPrime,
      Estimate c,
      Estimate indirect,
      Integer resamples,
      Estimate interaction,
      List<ScaleView> scales) {

    record Estimate(double estimate, double lower, double upper) {
      static Estimate of(Interval i) {
        return new Estimate(i.estimate(), i.lower(), i.upper());
      }
    }

    /** A questionnaire scale: how many answered it and its Cronbach's alpha (null below two). */
    record ScaleView(String scale, int n, Double mean, Double sd, Double alpha) {}

    static final double CONFIDENCE = 0.95;

    /** The moderation model's ability × male term, as the engine (and patsy) names it. */
    static final String INTERACTION = "ability:male";

    static PathView of(MediationReport m, Map<Scale, ScaleReport> scales) {
      RegressionModel moderation = m.moderation();
      BootstrapInterval indirect = m.indirect();
      return new PathView(
          true,
          null,
          m.analysed(),
          Estimate.of(m.pathA().interval("ability", CONFIDENCE)),
          Estimate.of(m.pathB().interval(m.mediator().column(), CONFIDENCE)),
          Estimate.of(m.pathB().interval("ability", CONFIDENCE)),
          Estimate.of(m.total().interval("ability", CONFIDENCE)),
          new Estimate(indirect.estimate(), indirect.lower(), indirect.upper()),
          indirect.resamples(),
          moderation == null ? null : Estimate.of(moderation.interval(INTERACTION, CONFIDENCE)),
          scales(scales));
    }

    static PathView notFitted(String problem, Map<Scale, ScaleReport> scales) {
      return new PathView(
          false, problem, null, null, null, null, null, null, null, null, scales(scales));
    }

    private static List<ScaleView> scales(Map<Scale, ScaleReport> scales) {
      return scales.values().stream()
          .map(
              s ->
                  new ScaleView(
                      s.scale().code(),
                      s.n(),
                      finite(s.mean()),
                      finite(s.sd()),
                      finite(s.cronbachAlpha())))
          .toList();
    }
  }

  /** Null for NaN and infinities, which JSON cannot carry. */
  static Double finite(Double d) {
    return d == null || !Double.isFinite(d) ? null : d;
  }
}
