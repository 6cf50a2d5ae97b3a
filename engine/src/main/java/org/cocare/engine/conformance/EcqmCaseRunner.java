package org.cocare.engine.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.cocare.engine.conformance.ConformanceReport.CaseResult;
import org.cocare.engine.conformance.ConformanceReport.MeasureResult;
import org.cocare.engine.evaluation.Evaluation;
import org.cocare.engine.evaluation.Evaluator;
import org.cocare.engine.rules.CompiledRuleSet;
import org.cocare.fhir.intake.FhirReader;
import org.cocare.fhir.intake.InvalidFhirException;
import org.cocare.rules.recommendation.Recommendation;
import org.hl7.fhir.r4.model.Resource;

/**
 * Runs the steward cases against a rule set: each case's record evaluated as of the end of its
 * measurement period, the care gap predicted OPEN exactly when a recommendation names the case's
 * measure. The case files are parsed once, when the runner is built, so a rule-set editor can test
 * every draft against the same cases without reading them again.
 */
public final class EcqmCaseRunner {
  private static final String JSON = "application/fhir+json";

  private final EcqmCases cases;
  private final Evaluator evaluator;
  private final List<Loaded> loaded;

  /** A case with its parsed resources. */
  private record Loaded(EcqmCase testCase, List<Resource> record) {}

  /**
   * Parses every case's resources now; fails naming the file that cannot be read or is not valid
   * FHIR R4.
   */
  public EcqmCaseRunner(EcqmCases cases, FhirReader reader, Evaluator evaluator) {
    this.cases = cases;
    this.evaluator = evaluator;
    this.loaded =
        cases.cases().stream()
            .map(
                c ->
                    new Loaded(
                        c, c.resourceFiles().stream().map(file -> parse(reader, file)).toList()))
            .toList();
  }

  public EcqmCases cases() {
    return cases;
  }

  /**
   * Every case against {@code ruleSet}, which must have been compiled with a terminology that holds
   * the measures' value sets (the cases code with them).
   *
   * <p>A measure counts as implemented when the rule set names it in a recommendation: as a quoted
   * id in the consequence of a rule that makes a {@code Recommendation} (its DRL files and decision
   * tables), or on a recommendation it made for any of these cases (a measure id the rules build
   * some other way). A measure that is named nowhere cannot have its gaps found, and is reported as
   * not implemented rather than as failing.
   *
   * <p>One run at a time per runner: HAPI's getters create missing elements as they read, and the
   * parsed resources are shared by every run.
   */
  public synchronized ConformanceReport run(CompiledRuleSet ruleSet) {
    RecommendingRules rules = RecommendingRules.of(ruleSet.ruleSet());
    Set<String> recommended = new TreeSet<>();
    List<CaseResult> results = new ArrayList<>();
    for (Loaded each : loaded) {
      EcqmCase testCase = each.testCase();
      Evaluation evaluation =
          evaluator.evaluate(testCase.patientId(), each.record(), testCase.periodEnd(), ruleSet);
      evaluation.recommendations().stream()
          .map(Recommendation::measure)
          .filter(Objects::nonNull)
          .forEach(recommended::add);
      boolean open =
          evaluation.recommendations().stream()
              .anyMatch(r -> testCase.measure().equals(r.measure()));
      results.add(
          new CaseResult(
              testCase.measure(),
              testCase.patientId(),
              testCase.title(),
              testCase.careGap(),
              testCase.expectedOpen(),
              open));
    }
    List<MeasureResult> measures = new ArrayList<>();
    results.stream()
        .collect(Collectors.groupingBy(CaseResult::measure, TreeMap::new, Collectors.toList()))
        .forEach(
            (measure, ofMeasure) ->
                measures.add(
                    new MeasureResult(
                        measure,
                        rules.name(measure) || recommended.contains(measure),
                        ofMeasure.size(),
                        (int) ofMeasure.stream().filter(CaseResult::agrees).count())));
    return new ConformanceReport(ruleSet.ruleSet().label(), results, measures);
  }

  private static Resource parse(FhirReader reader, Path file) {
    try {
      return reader.parse(Files.readAllBytes(file), JSON);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read eCQM case file " + file, e);
    } catch (InvalidFhirException e) {
      throw new IllegalArgumentException(
          "eCQM case file " + file + " is not valid FHIR R4: " + e.getMessage(), e);
    }
  }
}
