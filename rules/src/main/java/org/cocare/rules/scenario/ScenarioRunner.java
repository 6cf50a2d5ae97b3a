package org.cocare.rules.scenario;

import java.util.List;
import org.cocare.rules.model.EvaluationContext;
import org.cocare.rules.model.Parameters;
import org.cocare.rules.model.ValueSetIndex;
import org.cocare.rules.ruleset.RuleBase;
import org.cocare.rules.scenario.Scenario.ExpectedGap;
import org.cocare.rules.scenario.Scenario.ExpectedRecommendation;

/**
 * Runs scenarios against a compiled rule base: each scenario's record as facts (value sets from the
 * given terminology), fired as of its date with the given parameters, exactly as the engine fires a
 * patient's record, and compared with what it expects. What one firing produced is compared
 * unmerged: a rule that fires twice for one code shows up as such. Thread-safe.
 */
public final class ScenarioRunner {
  private final RuleBase ruleBase;
  private final Parameters parameters;
  private final FactBuilder facts;

  public ScenarioRunner(RuleBase ruleBase, Parameters parameters, ValueSetIndex terminology) {
    this.ruleBase = ruleBase;
    this.parameters = parameters;
    this.facts = new FactBuilder(terminology);
  }

  /** Each scenario's result, in the scenarios' order. */
  public List<ScenarioResult> run(List<Scenario> scenarios) {
    return scenarios.stream().map(this::run).toList();
  }

  public ScenarioResult run(Scenario scenario) {
    RuleBase.Firing firing;
    try {
      firing =
          ruleBase.fire(
              facts.facts(scenario.input()),
              EvaluationContext.asOf(scenario.input().asOfDate()),
              parameters);
    } catch (RuntimeException e) {
      // A rule that throws on one record fails that scenario, not the whole run: the others still
      // say what they would.
      return ScenarioResult.of(
          scenario.name(), List.of("the rules failed on this scenario: " + e.getMessage()));
    }
    return ScenarioResult.of(
        scenario.name(),
        Differences.of(
            scenario.expected(),
            firing.recommendations().stream().map(ExpectedRecommendation::of).toList(),
            firing.gapsClosed().stream().map(ExpectedGap::of).toList()));
  }
}
