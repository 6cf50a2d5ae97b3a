package org.cocare.rules.scenario;

import java.util.List;

/**
 * How one scenario went: passed when the rules produced exactly what it expects, else each
 * difference in words (a recommendation expected but not produced, produced but not expected, or
 * produced with another due date, priority, evidence…; closed gaps likewise).
 */
public record ScenarioResult(String name, boolean passed, List<String> differences) {
  public ScenarioResult {
    differences = List.copyOf(differences);
    if (passed != differences.isEmpty()) {
      throw new IllegalArgumentException(
          "scenario " + name + ": a scenario passes exactly when nothing differs");
    }
  }

  /** Passed when {@code differences} is empty. */
  public static ScenarioResult of(String name, List<String> differences) {
    return new ScenarioResult(name, differences.isEmpty(), differences);
  }
}
