package org.cocare.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.cocare.engine.conformance.ConformanceReport.CaseResult;
import org.cocare.engine.conformance.ConformanceReport.MeasureResult;
import org.cocare.engine.evaluation.Evaluator;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.engine.terminology.Terminology;
import org.cocare.engine.terminology.ValueSetDirectory;
import org.cocare.engine.terminology.ValueSetSource;
import org.cocare.fhir.intake.FhirReader;
import org.cocare.rules.ruleset.RuleSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The measure stewards' test patients ({@code ../shared/clinical/ecqm-cases}) as a conformance
 * suite for the default rule set: evaluated as of the end of each case's measurement period with
 * the measures' value sets, a recommendation naming the measure must exist exactly when the case's
 * care gap is OPEN. Prints a table per measure; a measure the default rule set implements must
 * agree on every case.
 */
class EcqmConformanceTest {
  /** Measures whose rules are in the default rule set: these must reach 100 %. */
  static final Set<String> IMPLEMENTED =
      Set.of("CMS122", "CMS124", "CMS125", "CMS130", "CMS131", "CMS165", "CMS2");

  static Path clinical;
  static RuleEngine engine;
  static EcqmCaseRunner runner;

  @BeforeAll
  static void setUp() {
    clinical = clinical();
    FhirContext context = FhirContext.forR4Cached();
    engine = engineWithSharedValueSets(context, clinical);
    runner =
        new EcqmCaseRunner(
            EcqmCases.read(clinical.resolve("ecqm-cases")),
            new FhirReader(context),
            new Evaluator(engine, Clock.systemUTC(), new SimpleMeterRegistry()));
  }

  /** {@code ../shared/clinical}, or the test is skipped saying where it looked. */
  static Path clinical() {
    Path clinical = Path.of(System.getProperty("cocare.shared.dir", "../../shared"), "clinical");
    assumeTrue(
        Files.isDirectory(clinical.resolve("ecqm-cases")),
        "../shared/clinical/ecqm-cases not found at " + clinical.toAbsolutePath() + "; skipping");
    return clinical;
  }

  /** The default rule set, active, with the measures' value sets from {@code valuesets}. */
  static RuleEngine engineWithSharedValueSets(FhirContext context, Path clinical) {
    List<ValueSetSource> sources =
        List.of(ValueSetDirectory.read(context, List.of(clinical.resolve("valuesets"))));
    return new RuleEngine(
        RuleSet.loadDefault(), ruleSet -> Terminology.forRuleSet(ruleSet, sources));
  }

  @Test
  void everyImplementedMeasure_agreesWithEveryStewardCase() {
    ConformanceReport report = runner.run(engine.active());

    String table = table(report);
    System.out.println(table);
    assertThat(report.implemented()).as(table).containsExactlyInAnyOrderElementsOf(IMPLEMENTED);
    assertThat(report.failures()).as(table).isEmpty();
  }

  static String table(ConformanceReport report) {
    StringBuilder table =
        new StringBuilder(
            "\neCQM conformance of "
                + report.ruleSet()
                + " (care gap OPEN <=> recommendation with the measure)\n");
    table.append(String.format("%-8s %6s %7s %s%n", "measure", "cases", "agreed", "status"));
    for (MeasureResult measure : report.measures()) {
      table.append(
          String.format(
              "%-8s %6d %7d %s%n",
              measure.measure(),
              measure.cases(),
              measure.agreed(),
              measure.implemented() ? "implemented" : "not yet implemented"));
      for (CaseResult result : report.failures()) {
        if (result.measure().equals(measure.measure())) {
          table
              .append("  ")
              .append(result.measure())
              .append(' ')
              .append(result.patientId())
              .append(' ')
              .append(result.title())
              .append(": expected ")
              .append(result.careGap())
              .append(", predicted ")
              .append(result.predictedOpen() ? "OPEN" : "no gap")
              .append('\n');
        }
      }
    }
    return table.toString();
  }
}
