package org.cocare.fhir.recommendation;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * Cocare's gap-closure figures as an R4 summary {@code MeasureReport}, laid out the way eCQM
 * reports are, so a quality team reads it with the tools and habits it has:
 *
 * <ul>
 *   <li>group {@code closed}: initial population and denominator = the gaps found (recommendations
 *       for the measure issued in the period), numerator = the gaps closed with evidence, score =
 *       their proportion;
 *   <li>groups {@code closed-within-30-days}, {@code -90-}, {@code -180-}: the same initial
 *       population and denominator, the recommendations issued too late in the period to have had
 *       that many days as denominator exclusions, numerator = those closed within the days, score =
 *       numerator / (denominator − exclusions), as in eCQM scoring.
 * </ul>
 *
 * Groups are coded in {@value #GROUP_SYSTEM}. The {@code measure} is Cocare's own canonical
 * ({@value #MEASURE_BASE}{@code CMS130}), not the steward's: these counts are of Cocare's
 * recommendations, not of the eCQM's populations, and a reader who saw the steward's canonical
 * would compare them with the eCQM score. The steward's canonical, where known, goes in the {@value
 * #STEWARD_MEASURE} extension.
 */
public final class MeasureReports {
  public static final String MEASURE_BASE = "https://cocare.org/fhir/Measure/";
  public static final String GROUP_SYSTEM = "https://cocare.org/fhir/CodeSystem/gap-closure";
  public static final String STEWARD_MEASURE =
      RecommendationResources.EXTENSION_BASE + "steward-measure";
  public static final String CLOSED = "closed";

  static final String POPULATION_SYSTEM =
      "http://terminology.hl7.org/CodeSystem/measure-population";

  /**
   * The canonicals the measure stewards give their QI-Core measures, as their test decks ({@code
   * shared/clinical/ecqm-cases}) name them in {@code MeasureReport.measure}.
   */
  static final Map<String, String> STEWARD_CANONICALS =
      Map.of(
          "CMS2", "https://madie.cms.gov/Measure/CMS2FHIRPCSDepressionScreenAndFollowUp",
          "CMS122", "https://madie.cms.gov/Measure/CMS122FHIRDiabetesAssessGreaterThan9Percent",
          "CMS124", "https://madie.cms.gov/Measure/CMS124FHIRCervicalCancerScreening",
          "CMS125", "https://madie.cms.gov/Measure/CMS125FHIRBreastCancerScreening",
          "CMS130", "https://madie.cms.gov/Measure/CMS130FHIRColorectalCancerScreening",
          "CMS131", "https://madie.cms.gov/Measure/DiabetesEyeExamFHIR",
          "CMS165", "https://madie.cms.gov/Measure/CMS165FHIRControllingHighBloodPressure");

  private MeasureReports() {}

  /** Cocare's canonical for its gap-closure figures of a measure. */
  public static String canonical(String measure) {
    return MEASURE_BASE + measure;
  }

  /** The steward's canonical of the measure, for the seven measures whose decks Cocare reads. */
  public static Optional<String> stewardCanonical(String measure) {
    return Optional.ofNullable(STEWARD_CANONICALS.get(measure));
  }

  /** The group code for closure within some days: {@code closed-within-30-days}. */
  public static String closedWithin(int days) {
    return "closed-within-" + days + "-days";
  }

  /**
   * @param date when the figures were made
   * @param reporter who reports them (e.g. {@code Organization/hospital-1}); null for none
   */
  public static MeasureReport gapClosure(GapClosureCounts counts, Instant date, String reporter) {
    if (date == null) {
      throw new IllegalArgumentException("a measure report needs the time it was made");
    }
    MeasureReport report = new MeasureReport();
    report.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
    report.setType(MeasureReport.MeasureReportType.SUMMARY);
    report.setMeasure(canonical(counts.measure()));
    stewardCanonical(counts.measure())
        .ifPresent(url -> report.addExtension(STEWARD_MEASURE, new CanonicalType(url)));
    report.setDateElement(
        new DateTimeType(
            Date.from(date), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone("UTC")));
    if (reporter != null) {
      report.setReporter(new Reference(reporter));
    }
    report.setPeriod(
        new Period()
            .setStartElement(day(counts.periodStart()))
            .setEndElement(day(counts.periodEnd())));

    MeasureReportGroupComponent closed =
        group(report, CLOSED, "Gaps closed with evidence among the gaps found in the period");
    population(closed, "initial-population", "Initial Population", counts.issued());
    population(closed, "denominator", "Denominator", counts.issued());
    population(closed, "numerator", "Numerator", counts.completed());
    score(closed, counts.completed(), counts.issued());

    counts
        .withinDays()
        .forEach(
            (days, share) -> {
              MeasureReportGroupComponent within =
                  group(
                      report,
                      closedWithin(days),
                      "Gaps closed within "
                          + days
                          + " days of being found, among those found at least "
                          + days
                          + " days before the report was made and either closed or followed that"
                          + " long");
              population(within, "initial-population", "Initial Population", counts.issued());
              population(within, "denominator", "Denominator", counts.issued());
              population(
                  within,
                  "denominator-exclusion",
                  "Denominator Exclusion",
                  counts.issued() - share.denominator());
              population(within, "numerator", "Numerator", share.completed());
              score(within, share.completed(), share.denominator());
            });
    return report;
  }

  private static MeasureReportGroupComponent group(
      MeasureReport report, String code, String display) {
    MeasureReportGroupComponent group = report.addGroup();
    group.setId(code);
    group.setCode(new CodeableConcept(new Coding(GROUP_SYSTEM, code, display)).setText(display));
    return group;
  }

  private static void population(
      MeasureReportGroupComponent group, String code, String display, int count) {
    group
        .addPopulation()
        .setCode(new CodeableConcept(new Coding(POPULATION_SYSTEM, code, display)))
        .setCount(count);
  }

  /** The proportion, to four places; none when nothing was there to close (0/0 is no score). */
  private static void score(MeasureReportGroupComponent group, int numerator, int denominator) {
    if (denominator > 0) {
      group.setMeasureScore(
          new Quantity()
              .setValue(
                  BigDecimal.valueOf(numerator)
                      .divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP)
                      .stripTrailingZeros()));
    }
  }

  private static DateTimeType day(LocalDate date) {
    return new DateTimeType(date.toString());
  }
}
