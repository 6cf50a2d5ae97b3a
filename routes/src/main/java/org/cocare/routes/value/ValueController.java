package org.cocare.routes.value;

import ca.uhn.fhir.context.FhirContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.cocare.engine.value.AnalysisDataset;
import org.cocare.engine.value.ClosureReport;
import org.cocare.engine.value.FunnelReport;
import org.cocare.engine.value.Mediation;
import org.cocare.engine.value.MediationReport;
import org.cocare.engine.value.ScaleReport;
import org.cocare.engine.value.UpliftReport;
import org.cocare.engine.value.ValueAnalysis;
import org.cocare.engine.value.ValueCsv;
import org.cocare.fhir.recommendation.MeasureReports;
import org.cocare.fhir.value.Scale;
import org.cocare.routes.api.ApiErrors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/value/…}: each value figure as JSON, or as CSV with {@code format=csv}; the
 * gap-closure figures of a measure as a FHIR MeasureReport. Every figure takes the filter of {@link
 * ValueQuery}.
 */
@RestController
@Tag(
    name = "Value analysis",
    description =
        "Whether engagement created value, and for whom. Filters on every figure (all optional):"
            + " from, to (ISO dates, both days included, on the issue date), rule, measure, code,"
            + " kind, cohort (control | intervention), configuration (chain | shop | network),"
            + " ageBand (e.g. 50-64, 75+), gender, education, visitReason, department."
            + " format=csv for CSV. The scales and the mediation models cover the patients the"
            + " trait filters select; the other filters choose which recommendations their record"
            + " behaviour counts. Roles: clinician, approver, admin (the per-patient dataset:"
            + " clinician, admin).")
public class ValueController {
  static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
  static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

  private final ValueAnalysis analysis;
  private final FhirContext context;
  private final Clock clock;
  private final ApiErrors errors;

  public ValueController(
      ValueAnalysis analysis, FhirContext context, Clock clock, ApiErrors errors) {
    this.analysis = analysis;
    this.context = context;
    this.clock = clock;
    this.errors = errors;
  }

  /** A scale's figures, with null where a figure is not defined (fewer than two responses). */
  public record ScaleView(
      String scale,
      List<String> items,
      int n,
      List<Double> itemMeans,
      Double mean,
      Double sd,
      Double cronbachAlpha) {
    static ScaleView of(ScaleReport r) {
      return new ScaleView(
          r.scale().code(),
          r.items(),
          r.n(),
          r.itemMeans().stream().map(DashboardView::finite).toList(),
          DashboardView.finite(r.mean()),
          DashboardView.finite(r.sd()),
          DashboardView.finite(r.cronbachAlpha()));
    }
  }

  /** The path coefficients read off the models, beside the models themselves. */
  public record MediationView(
      double a,
      double b,
      double c,
      double cPrime,
      double indirectEffect,
      double proportionMediated,
      Double genderInteraction,
      MediationReport report) {
    static MediationView of(MediationReport r) {
      return new MediationView(
          r.a(),
          r.b(),
          r.c(),
          r.cPrime(),
          r.indirectEffect(),
          r.proportionMediated(),
          r.moderation() == null ? null : r.interaction(),
          r);
    }
  }

  @Operation(
      summary = "Engagement funnel",
      description =
          "Issued → sent → delivered → opened → acknowledged → completed: per group of the"
              + " breakdown (by = all, rule, code, measure, kind, channel, language, configuration,"
              + " cohort, age-band, gender, education, visit-reason, department), each stage's"
              + " count, its share of issued and the conversion from the stage before, with"
              + " Wilson 95% intervals.")
  @GetMapping("/api/value/funnel")
  public ResponseEntity<?> funnel(ValueQuery query, @RequestParam(required = false) String format) {
    FunnelReport report = analysis.funnel(query.filter(), query.dimension());
    return figure(format, report, ValueCsv::funnel);
  }

  @Operation(
      summary = "Gap closure",
      description =
          "Per group of the breakdown (by, as for the funnel): the Kaplan–Meier share completed"
              + " within 30, 90 and 180 days (open and expired recommendations censored) with"
              + " log(−log) 95% intervals, the median days to completion with its interval, and"
              + " the curve.")
  @GetMapping("/api/value/closure")
  public ResponseEntity<?> closure(
      ValueQuery query, @RequestParam(required = false) String format) {
    ClosureReport report = analysis.closure(query.filter(), query.dimension());
    return figure(format, report, ValueCsv::closure);
  }

  @Operation(
      summary = "Uplift against the holdout",
      description =
          "Per rule: completion among notified against held-out recommendations, the difference"
              + " with Newcombe's 95% interval, relative uplift, two-sided p (pooled z-test), the"
              + " number needed to notify, and includesZero for rules not shown effective."
              + " withinDays: completion within that many days of issue (recommendations issued"
              + " more recently are left out of both arms); without it, completion by today. The"
              + " cohort filter is ignored (both arms are needed).")
  @GetMapping("/api/value/uplift")
  public ResponseEntity<?> uplift(ValueQuery query, @RequestParam(required = false) String format) {
    UpliftReport report = analysis.uplift(query.filter(), query.horizon());
    return figure(format, report, ValueCsv::uplift);
  }

  @Operation(
      summary = "Questionnaire scales",
      description =
          "Participation ability, value co-creation behaviour and perceived value (1–7, the"
              + " mean of each scale's items) on each covered patient's newest response: n, item"
              + " means, mean, standard deviation and Cronbach's alpha.")
  @GetMapping("/api/value/scales")
  public ResponseEntity<?> scales(ValueQuery query, @RequestParam(required = false) String format) {
    Map<Scale, ScaleReport> report = analysis.scales(query.filter());
    return figure(
        format, report, ValueCsv::scales, r -> r.values().stream().map(ScaleView::of).toList());
  }

  @Operation(
      summary = "Analysis dataset",
      description =
          "One row per patient with a complete questionnaire: the three scale scores, the share"
              + " of their recommendations acknowledged or completed, and the controls (age,"
              + " gender, education, visit reason, department). CSV by default, the exact input"
              + " of the mediation models, for checking them with another package.")
  @GetMapping("/api/value/dataset")
  public ResponseEntity<?> dataset(
      ValueQuery query, @RequestParam(defaultValue = "csv") String format) {
    AnalysisDataset dataset = analysis.dataset(query.filter());
    return figure(format, dataset, AnalysisDataset::toCsv, AnalysisDataset::rows);
  }

  @Operation(
      summary = "Ability → behaviour → perceived value",
      description =
          "The mediation model with controls (age, gender, education, visit reason, department):"
              + " path a (behaviour ~ ability), paths b and c′ (value ~ ability + behaviour), the"
              + " total effect c, the indirect effect a·b with a percentile bootstrap 95% interval"
              + " (seed, resamples 5000 to 20000, default 5000), the proportion mediated (a·b / c)"
              + " and"
              + " the moderation of ability → value by gender. mediator: behaviour (the scale,"
              + " default) or recordBehaviour (share acknowledged or completed). format=csv: every"
              + " coefficient with its standard error.")
  @GetMapping("/api/value/mediation")
  public ResponseEntity<?> mediation(
      ValueQuery query,
      @RequestParam(defaultValue = "1") long seed,
      @RequestParam(defaultValue = "" + Mediation.DEFAULT_RESAMPLES) int resamples,
      @RequestParam(defaultValue = "behaviour") String mediator,
      @RequestParam(required = false) String format) {
    if (resamples < Mediation.DEFAULT_RESAMPLES) {
      throw new IllegalArgumentException(
          "resamples must be at least " + Mediation.DEFAULT_RESAMPLES + ", was " + resamples);
    }
    MediationReport report =
        analysis.mediation(
            query.filter(),
            new Mediation(Mediation.Mediator.fromColumn(mediator), resamples, seed));
    return figure(format, report, MediationReport::coefficientsCsv, MediationView::of);
  }

  @Operation(
      summary = "Gap closure of a measure as a FHIR MeasureReport",
      description =
          "A summary MeasureReport (R4) of the recommendations for one measure (e.g. CMS130)"
              + " issued from from to to (default: the last 12 months): gaps found and closed, and"
              + " the share closed within 30, 90 and 180 days.")
  @GetMapping(value = "/api/value/measure-report", produces = "application/fhir+json")
  public ResponseEntity<String> measureReport(
      @RequestParam String measure,
      @RequestParam(required = false) LocalDate from,
      @RequestParam(required = false) LocalDate to) {
    LocalDate end = to == null ? LocalDate.now(clock) : to;
    LocalDate start = from == null ? end.minusYears(1).plusDays(1) : from;
    return ResponseEntity.ok()
        .contentType(FHIR_JSON)
        .body(
            context
                .newJsonParser()
                .setPrettyPrint(true)
                .encodeResourceToString(
                    MeasureReports.gapClosure(
                        analysis.measureCounts(measure, start, end), clock.instant(), null)));
  }

  @Operation(
      summary = "Filter values",
      description =
          "The values each filter takes among the recommendations issued in the period: rules,"
              + " measures, codes, channels, languages, configurations and the patients' traits.")
  @GetMapping("/api/value/options")
  public Map<String, Set<String>> options(ValueQuery query) {
    Map<String, Set<String>> options = new LinkedHashMap<>();
    analysis.options(query.periodOnly()).forEach((d, values) -> options.put(d.code(), values));
    return options;
  }

  /** An unknown code, a period that ends before it starts, too few resamples: 400. */
  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<String> invalidQuery(IllegalArgumentException e) {
    return errors.invalidQuery(e);
  }

  private static <T> ResponseEntity<?> figure(String format, T report, Function<T, String> toCsv) {
    return figure(format, report, toCsv, r -> r);
  }

  /** The figure as JSON ({@code toJson} of it), or the CSV made from it when asked for. */
  private static <T> ResponseEntity<?> figure(
      String format, T report, Function<T, String> toCsv, Function<T, ?> toJson) {
    return "csv".equalsIgnoreCase(format)
        ? ResponseEntity.ok().contentType(CSV).body(toCsv.apply(report))
        : ResponseEntity.ok(toJson.apply(report));
  }
}
