package org.cocare.engine.rulesets;

import java.util.ArrayList;
import java.util.List;
import org.cocare.engine.conformance.ConformanceReport;
import org.cocare.rules.scenario.ScenarioResult;

/**
 * What running a version's scenarios gave: how many passed and failed, and each scenario's result
 * with its differences, in the order the rule set lists them; and, where the measure stewards'
 * cases are configured, how the version answered them ({@code conformance}, else null).
 */
public record TestReport(
    String label,
    int passed,
    int failed,
    List<ScenarioResult> results,
    ConformanceReport conformance) {
  public TestReport {
    results = List.copyOf(results);
    if (passed + failed != results.size() || failed != failing(results).size()) {
      throw new IllegalArgumentException(
          label + ": passed and failed must count the results, were " + passed + " and " + failed);
    }
  }

  static TestReport of(String label, List<ScenarioResult> results, ConformanceReport conformance) {
    int failed = failing(results).size();
    return new TestReport(label, results.size() - failed, failed, results, conformance);
  }

  /** Every scenario passes and every implemented measure agrees with every steward case. */
  public boolean allPass() {
    return failed == 0 && (conformance == null || conformance.conforms());
  }

  /**
   * Each failing scenario with its differences and each disagreeing steward case, as a refused
   * approval lists them.
   */
  List<String> failures() {
    List<String> failures = new ArrayList<>();
    failing(results).stream()
        .map(r -> "scenario " + r.name() + ": " + String.join("; ", r.differences()))
        .forEach(failures::add);
    if (conformance != null) {
      conformance.failures().stream()
          .map(
              c ->
                  "eCQM case "
                      + c.measure()
                      + " "
                      + c.patientId()
                      + " ("
                      + c.title()
                      + "): the stewards expect "
                      + (c.expectedOpen() ? "an open care gap" : "no open care gap")
                      + ", this version finds "
                      + (c.predictedOpen() ? "one" : "none"))
          .forEach(failures::add);
    }
    return failures;
  }

  /**
   * The counts and the failing scenarios' names, for the audit trail: no differences, since they
   * quote the scenarios' records.
   */
  String summary() {
    List<String> names = failing(results).stream().map(ScenarioResult::name).toList();
    String scenarios =
        passed
            + " passed, "
            + failed
            + " failed"
            + (names.isEmpty() ? "" : ": " + String.join(", ", names));
    if (conformance == null) {
      return scenarios;
    }
    return scenarios
        + "; eCQM cases: "
        + conformance.agreed()
        + " of "
        + conformance.cases().size()
        + " agree, "
        + conformance.failures().size()
        + " failures in implemented measures";
  }

  private static List<ScenarioResult> failing(List<ScenarioResult> results) {
    return results.stream().filter(r -> !r.passed()).toList();
  }
}
