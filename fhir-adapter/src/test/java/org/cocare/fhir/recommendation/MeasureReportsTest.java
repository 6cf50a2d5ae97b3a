package org.cocare.fhir.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.cocare.fhir.intake.FhirReader;
import org.cocare.fhir.recommendation.GapClosureCounts.Share;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupPopulationComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeasureReportsTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  /** The validator takes seconds to warm: one reader for the whole class. */
  private static final FhirReader READER = new FhirReader(FHIR);

  private static final Instant MADE = Instant.parse("2027-01-05T07:00:00Z");
  private static final LocalDate START = LocalDate.of(2026, 1, 1);
  private static final LocalDate END = LocalDate.of(2026, 12, 31);

  /**
   * 2026: 80 colorectal gaps found, 50 closed. 72 were found by 1 December (30 days before the
   * end), 24 of them closed within 30 days; 60 by 2 October, 33 within 90; 40 by 4 July, 30 within
   * 180.
   */
  private static final GapClosureCounts CMS130 =
      new GapClosureCounts(
          "CMS130", START, END, 80, 50, new Share(24, 72), new Share(33, 60), new Share(30, 40));

  @Test
  void report_validatesAgainstTheR4BaseSpecification() {
    assertNoValidationErrors(MeasureReports.gapClosure(CMS130, MADE, "Organization/hospital-1"));
  }

  @Test
  void reportWithNothingFound_validatesToo_andHasNoScore() {
    MeasureReport report =
        MeasureReports.gapClosure(
            new GapClosureCounts(
                "CMS2", START, END, 0, 0, new Share(0, 0), new Share(0, 0), new Share(0, 0)),
            MADE,
            null);

    assertNoValidationErrors(report);
    assertThat(report.getGroup()).allSatisfy(g -> assertThat(g.hasMeasureScore()).isFalse());
    assertThat(report.hasReporter()).isFalse();
  }

  @Test
  void report_isACompleteSummaryOfCocaresMeasureForThePeriod() {
    MeasureReport report = MeasureReports.gapClosure(CMS130, MADE, "Organization/hospital-1");

    assertThat(report.getStatus()).isEqualTo(MeasureReport.MeasureReportStatus.COMPLETE);
    assertThat(report.getType()).isEqualTo(MeasureReport.MeasureReportType.SUMMARY);
    assertThat(report.getMeasure()).isEqualTo("https://cocare.org/fhir/Measure/CMS130");
    assertThat(
            ((CanonicalType) report.getExtensionByUrl(MeasureReports.STEWARD_MEASURE).getValue())
                .getValue())
        .isEqualTo("https://madie.cms.gov/Measure/CMS130FHIRColorectalCancerScreening");
    assertThat(report.getDate().toInstant()).isEqualTo(MADE);
    assertThat(report.getReporter().getReference()).isEqualTo("Organization/hospital-1");
    assertThat(report.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-01-01");
    assertThat(report.getPeriod().getEndElement().getValueAsString()).isEqualTo("2026-12-31");
  }

  @Test
  void closedGroup_countsGapsFoundAsDenominatorAndClosedAsNumerator() {
    MeasureReportGroupComponent closed =
        group(MeasureReports.gapClosure(CMS130, MADE, null), "closed");

    assertThat(count(closed, "initial-population")).isEqualTo(80);
    assertThat(count(closed, "denominator")).isEqualTo(80);
    assertThat(count(closed, "numerator")).isEqualTo(50);
    assertThat(closed.getMeasureScore().getValue()).isEqualByComparingTo("0.625");
  }

  @ParameterizedTest
  @CsvSource({
    // days, excluded (found too late to have had the days), closed within, score
    "30, 8, 24, 0.3333",
    "90, 20, 33, 0.55",
    "180, 40, 30, 0.75"
  })
  void withinGroups_excludeGapsFoundTooLate_andScoreTheRest(
      int days, int excluded, int closedWithin, BigDecimal score) {
    MeasureReportGroupComponent within =
        group(MeasureReports.gapClosure(CMS130, MADE, null), "closed-within-" + days + "-days");

    assertThat(within.getCode().getCodingFirstRep().getSystem())
        .isEqualTo(MeasureReports.GROUP_SYSTEM);
    assertThat(count(within, "initial-population")).isEqualTo(80);
    assertThat(count(within, "denominator")).isEqualTo(80);
    assertThat(count(within, "denominator-exclusion")).isEqualTo(excluded);
    assertThat(count(within, "numerator")).isEqualTo(closedWithin);
    assertThat(within.getMeasureScore().getValue()).isEqualByComparingTo(score);
  }

  @Test
  void groups_comeInReadingOrder() {
    assertThat(MeasureReports.gapClosure(CMS130, MADE, null).getGroup())
        .extracting(g -> g.getCode().getCodingFirstRep().getCode())
        .containsExactly(
            "closed", "closed-within-30-days", "closed-within-90-days", "closed-within-180-days");
  }

  @Test
  void measureWithoutAKnownSteward_hasOnlyCocaresCanonical() {
    MeasureReport report =
        MeasureReports.gapClosure(
            new GapClosureCounts(
                "USPSTF-lung-2021",
                START,
                END,
                3,
                1,
                new Share(1, 3),
                new Share(1, 2),
                new Share(0, 0)),
            MADE,
            null);

    assertThat(report.getMeasure()).isEqualTo("https://cocare.org/fhir/Measure/USPSTF-lung-2021");
    assertThat(report.getExtensionByUrl(MeasureReports.STEWARD_MEASURE)).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "CMS 130; 10; 5; 1; 5; not an id",
        "CMS130; 10; 11; 1; 5; 11 completed of 10 issued",
        "CMS130; 10; 5; 6; 8; 6 of 8 closed within 30 days does not fit 5 completed of 10 issued",
        "CMS130; 10; 5; 1; 11; closed within 30 days does not fit"
      })
  void impossibleCounts_areRefusedSayingWhy(
      String measure, int issued, int completed, int within, int followed, String message) {
    assertThatThrownBy(
            () ->
                new GapClosureCounts(
                    measure,
                    START,
                    END,
                    issued,
                    completed,
                    new Share(within, followed),
                    new Share(0, 0),
                    new Share(0, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void periodEndingBeforeItStarts_isRefused() {
    assertThatThrownBy(
            () ->
                new GapClosureCounts(
                    "CMS130", END, START, 0, 0, new Share(0, 0), new Share(0, 0), new Share(0, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a period");
  }

  @Test
  void shareClosingMoreThanItFollowed_isRefused() {
    assertThatThrownBy(() -> new Share(3, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 closed of 2");
  }

  private static MeasureReportGroupComponent group(MeasureReport report, String code) {
    return report.getGroup().stream()
        .filter(g -> code.equals(g.getCode().getCodingFirstRep().getCode()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no group " + code));
  }

  private static int count(MeasureReportGroupComponent group, String population) {
    List<MeasureReportGroupPopulationComponent> found =
        group.getPopulation().stream()
            .filter(p -> population.equals(p.getCode().getCodingFirstRep().getCode()))
            .toList();
    assertThat(found).as(population).hasSize(1);
    return found.get(0).getCount();
  }

  private static void assertNoValidationErrors(MeasureReport report) {
    List<SingleValidationMessage> findings = READER.findings(report);
    findings.stream()
        .filter(m -> !isError(m))
        .forEach(
            m ->
                System.out.println(
                    "MeasureReport validation "
                        + m.getSeverity()
                        + " at "
                        + m.getLocationString()
                        + ": "
                        + m.getMessage()));
    assertThat(findings)
        .filteredOn(MeasureReportsTest::isError)
        .extracting(m -> m.getLocationString() + ": " + m.getMessage())
        .isEmpty();
  }

  private static boolean isError(SingleValidationMessage m) {
    return m.getSeverity() == ResultSeverityEnum.ERROR
        || m.getSeverity() == ResultSeverityEnum.FATAL;
  }
}
