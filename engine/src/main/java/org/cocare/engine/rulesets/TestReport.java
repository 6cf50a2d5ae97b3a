package org.cocare.engine.rulesets;

import java.util.List;
import org.cocare.rules.scenario.ScenarioResult;

/**
 * What running a version's scenarios gave: how many passed and failed, and each scenario's result
 * with its differences, in the order the rule set lists them.
 */
public record TestReport(String label, int passed, int failed, List<ScenarioResult> results) {
  public TestReport {
    results = List.copyOf(results);
    if (passed + failed != results.size() || failed != failing(results).size()) {
      throw new IllegalArgumentException(
          label + ": passed and failed must count the results, were " + passed + " and " + failed);
    }
  }

  static TestReport of(String label, List<ScenarioResult> results) {
    int failed = failing(results).size();
    return new TestReport(label, results.size() - failed, failed, results);
  }

  /** Each failing scenario with its differences, as a refused approval lists them. */
  List<String> failures() {
    return failing(results).stream()
        .map(r -> "scenario " + r.name() + ": " + String.join("; ", r.differences()))
        .toList();
  }

  /**
   * The counts and the failing scenarios' names, for the audit trail: no differences, since they
   * quote the scenarios' records.
   */
  String summary() {
    List<String> names = failing(results).stream().map(ScenarioResult::name).toList();
    return passed
        + " passed, "
        + failed
        + " failed"
        + (names.isEmpty() ? "" : ": " + String.join(", ", names));
  }

  private static List<ScenarioResult> failing(List<ScenarioResult> results) {
    return results.stream().filter(r -> !r.passed()).toList();
  }
}
