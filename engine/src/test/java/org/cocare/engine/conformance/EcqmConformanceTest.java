package org.cocare.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cocare.engine.evaluation.Evaluation;
import org.cocare.engine.evaluation.Evaluator;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.engine.terminology.Terminology;
import org.cocare.engine.terminology.ValueSetDirectory;
import org.cocare.engine.terminology.ValueSetSource;
import org.cocare.fhir.intake.FhirReader;
import org.cocare.rules.ruleset.Csv;
import org.cocare.rules.ruleset.RuleSet;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The measure stewards' test patients ({@code ../shared/clinical/ecqm-cases}) as a conformance
 * suite: evaluated as of the end of each case's measurement period with the measures' value sets, a
 * recommendation naming the measure must exist exactly when the case's care gap is OPEN. Prints a
 * table per measure; a measure the default rule set implements must agree on every case.
 */
class EcqmConformanceTest {
  /** Measures whose rules are in the default rule set: these must reach 100 %. */
  static final Set<String> IMPLEMENTED =
      Set.of("CMS122", "CMS124", "CMS125", "CMS130", "CMS131", "CMS165", "CMS2");

  static Path clinical;
  static Evaluator evaluator;
  static FhirReader reader;

  record Case(String measure, String patient, LocalDate mpEnd, String careGap, String title) {}

  record Result(Case testCase, boolean predictedOpen) {
    boolean agrees() {
      return predictedOpen == "OPEN".equals(testCase.careGap());
    }
  }

  @BeforeAll
  static void setUp() {
    clinical = Path.of(System.getProperty("cocare.shared.dir", "../../shared"), "clinical");
    assumeTrue(
        Files.isDirectory(clinical.resolve("ecqm-cases")),
        "../shared/clinical/ecqm-cases not found at " + clinical.toAbsolutePath() + "; skipping");
    FhirContext context = FhirContext.forR4Cached();
    reader = new FhirReader(context);
    RuleSet rules = RuleSet.loadDefault();
    List<ValueSetSource> sources =
        List.of(ValueSetDirectory.read(context, List.of(clinical.resolve("valuesets"))));
    evaluator =
        new Evaluator(
            new RuleEngine(rules, ruleSet -> Terminology.forRuleSet(ruleSet, sources)),
            Clock.systemUTC(),
            new SimpleMeterRegistry());
  }

  @Test
  void everyImplementedMeasure_agreesWithEveryStewardCase() throws IOException {
    Map<String, List<Result>> byMeasure = new TreeMap<>();
    for (Case testCase : cases()) {
      Evaluation evaluation =
          evaluator.evaluate(testCase.patient(), record(testCase), testCase.mpEnd());
      boolean open =
          evaluation.recommendations().stream()
              .anyMatch(r -> testCase.measure().equals(r.measure()));
      byMeasure
          .computeIfAbsent(testCase.measure(), m -> new ArrayList<>())
          .add(new Result(testCase, open));
    }

    StringBuilder table =
        new StringBuilder(
            "\neCQM conformance (care gap OPEN <=> recommendation with the measure)\n");
    table.append(String.format("%-8s %6s %7s %s%n", "measure", "cases", "agreed", "status"));
    List<String> failures = new ArrayList<>();
    byMeasure.forEach(
        (measure, results) -> {
          long agreed = results.stream().filter(Result::agrees).count();
          table.append(
              String.format(
                  "%-8s %6d %7d %s%n",
                  measure,
                  results.size(),
                  agreed,
                  IMPLEMENTED.contains(measure) ? "implemented" : "not yet implemented"));
          for (Result result : results) {
            if (!result.agrees()) {
              String line =
                  "  "
                      + measure
                      + " "
                      + result.testCase().patient()
                      + " "
                      + result.testCase().title()
                      + ": expected "
                      + result.testCase().careGap()
                      + ", predicted "
                      + (result.predictedOpen() ? "OPEN" : "no gap");
              if (IMPLEMENTED.contains(measure)) {
                table.append(line).append('\n');
                failures.add(line);
              }
            }
          }
        });
    System.out.println(table);

    assertThat(byMeasure.keySet()).containsAll(IMPLEMENTED);
    assertThat(failures).as(table.toString()).isEmpty();
  }

  List<Case> cases() throws IOException {
    Csv csv = Csv.parse(Files.readString(clinical.resolve("ecqm-cases/cases.csv")));
    return csv.rows().stream()
        .map(
            row ->
                new Case(
                    csv.cell(row, "measure"),
                    csv.cell(row, "patient_id"),
                    LocalDate.parse(csv.cell(row, "mp_end")),
                    csv.cell(row, "care_gap"),
                    csv.cell(row, "title")))
        .toList();
  }

  /**
   * The case's single-resource files: not the duplicate Bundle, never the expected MeasureReport.
   */
  List<Resource> record(Case testCase) {
    Path folder =
        clinical.resolve("ecqm-cases").resolve(testCase.measure()).resolve(testCase.patient());
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(f -> f.getFileName().toString().matches("[A-Z][A-Za-z]+-[^/]+\\.json"))
          .filter(f -> !f.getFileName().toString().startsWith("MeasureReport-"))
          .filter(f -> !f.getFileName().toString().contains("FHIR-v"))
          .sorted()
          .map(this::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Resource read(Path file) {
    try {
      return reader.parse(Files.readAllBytes(file), "application/fhir+json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
