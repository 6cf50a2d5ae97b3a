package org.cocare.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.cocare.rules.scenario.Scenario;
import org.cocare.rules.scenario.ScenarioResult;
import org.cocare.rules.scenario.ScenarioRunner;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario the default rule set ships ({@code scenarios-<group>.json} next to its rules): run
 * by the same runner the engine uses to test a draft, with the starter terminology, the rules
 * produce exactly the recommendations and closed gaps it expects. The rule tests are the shipped
 * scenarios, so adding a case is adding a scenario to one of those files.
 */
class RuleCasesTest {
  private static final ScenarioRunner RUNNER =
      new ScenarioRunner(
          RuleHarness.ruleBase(), RuleHarness.RULE_SET.parameters(), RuleHarness.TERMINOLOGY);

  static Stream<Named<Scenario>> scenarios() {
    return RuleHarness.RULE_SET.scenarios().stream().map(s -> Named.of(s.name(), s));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void scenario_producesExactlyTheExpectedOutput(Scenario scenario) {
    ScenarioResult result = RUNNER.run(scenario);

    assertThat(result.differences()).as("differences of scenario %s", scenario.name()).isEmpty();
    assertThat(result.passed()).isTrue();
  }
}
