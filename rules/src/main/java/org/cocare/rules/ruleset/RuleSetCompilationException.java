package org.cocare.rules.ruleset;

import java.util.List;

/** A rule set did not compile; {@link #problems()} lists each error with file, line and column. */
public class RuleSetCompilationException extends RuntimeException {
  private final List<String> problems;

  public RuleSetCompilationException(String ruleSet, List<String> problems) {
    super("rule set " + ruleSet + " does not compile: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
