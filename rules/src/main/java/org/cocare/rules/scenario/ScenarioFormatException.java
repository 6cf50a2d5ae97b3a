package org.cocare.rules.scenario;

import java.util.List;

/**
 * Scenario files that cannot be read; {@link #problems()} names each file, with the line and column
 * where reading stopped when there is one.
 */
public final class ScenarioFormatException extends IllegalArgumentException {
  private final List<String> problems;

  public ScenarioFormatException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
