package org.cocare.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;
import org.cocare.rules.model.EvaluationContext;
import org.cocare.rules.model.PatientFact;
import org.cocare.rules.recommendation.Recommendation;
import org.cocare.rules.ruleset.DecisionTable;
import org.cocare.rules.ruleset.RuleSet;
import org.cocare.rules.ruleset.RuleSetCompilationException;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
  static final RuleSet DEFAULT = RuleSet.loadDefault();

  /** The decision table holding the colorectal screening age band (45 to 75). */
  static final String AGE_BANDS = "screening-age-bands.drl.csv";

  @Test
  void sameContent_isCompiledOnce_evenUnderAnotherVersion() {
    RuleEngine engine = new RuleEngine(DEFAULT);
    RuleSet relabelled = new RuleSet(DEFAULT.name(), "2", DEFAULT.files());

    assertThat(engine.compile(relabelled).ruleBase()).isSameAs(engine.active().ruleBase());
  }

  @Test
  void changedContent_getsItsOwnRuleBase() {
    RuleEngine engine = new RuleEngine(DEFAULT);
    TreeMap<String, String> files = new TreeMap<>(DEFAULT.files());
    files.put(
        "parameters.properties",
        files
            .get("parameters.properties")
            .replace("colorectal.due-days=30", "colorectal.due-days=14"));

    CompiledRuleSet changed = engine.compile(new RuleSet(DEFAULT.name(), "2", files));

    assertThat(changed.ruleSet().contentHash()).isNotEqualTo(DEFAULT.contentHash());
    assertThat(changed.ruleBase()).isNotSameAs(engine.active().ruleBase());
    assertThat(changed.parameters().intValue("colorectal.due-days")).isEqualTo(14);
  }

  @Test
  void brokenDrl_failsWithFileAndLine_andNeverBecomesActive() {
    RuleEngine engine = new RuleEngine(DEFAULT);
    TreeMap<String, String> files = new TreeMap<>(DEFAULT.files());
    files.put(
        "broken.drl",
        "package org.cocare.rules.broken\n\nimport org.cocare.rules.model.ConditionFact\n\n"
            + "rule \"x\"\nwhen\n  ConditionFact( noSuchField == 1 )\nthen\nend\n");

    assertThatThrownBy(() -> engine.activate(new RuleSet(DEFAULT.name(), "2", files)))
        .isInstanceOf(RuleSetCompilationException.class)
        .satisfies(
            e ->
                assertThat(((RuleSetCompilationException) e).problems())
                    .anySatisfy(
                        p -> assertThat(p).startsWith("broken.drl:7:").contains("noSuchField")));
    assertThat(engine.active().ruleSet()).isEqualTo(DEFAULT);
  }

  @Test
  void unsafeDrl_isRefusedAtActivation_andNeverBecomesActive() {
    RuleEngine engine = new RuleEngine(DEFAULT);
    TreeMap<String, String> files = new TreeMap<>(DEFAULT.files());
    files.put(
        "unsafe.drl",
        "package org.cocare.rules.unsafe\n\nrule \"x\"\nwhen\nthen\n  System.exit(0);\nend\n");

    assertThatThrownBy(() -> engine.activate(new RuleSet(DEFAULT.name(), "2", files)))
        .isInstanceOf(RuleSetCompilationException.class)
        .satisfies(
            e ->
                assertThat(((RuleSetCompilationException) e).problems())
                    .singleElement()
                    .satisfies(p -> assertThat(p).startsWith("unsafe.drl:6:3").contains("System")));
    assertThat(engine.active().ruleSet()).isEqualTo(DEFAULT);
  }

  @Test
  void evaluation_usesTheActiveVersion_andSaysWhichItWas() {
    RuleEngine engine = new RuleEngine(DEFAULT);
    TreeMap<String, String> files = new TreeMap<>(DEFAULT.files());
    DecisionTable ageBands = DecisionTable.of(DEFAULT, AGE_BANDS);
    files.put(AGE_BANDS, ageBands.withCell(ageBands.rows().get(0).number(), "Minimum age", "50"));
    LocalDate asOf = LocalDate.of(2026, 6, 1);
    List<Object> patient47 =
        List.of(new PatientFact("p", asOf.minusYears(47), "female", null, false));

    RuleOutput before = engine.evaluate(patient47, EvaluationContext.asOf(asOf));
    engine.activate(new RuleSet(DEFAULT.name(), "2", files));
    RuleOutput after = engine.evaluate(patient47, EvaluationContext.asOf(asOf));

    assertThat(before.ruleSetVersion()).isEqualTo("cocare-default@1");
    assertThat(before.recommendations())
        .extracting(Recommendation::code)
        .contains("screening-colorectal");
    assertThat(after.ruleSetVersion()).isEqualTo("cocare-default@2");
    assertThat(after.recommendations())
        .extracting(Recommendation::code)
        .doesNotContain("screening-colorectal");
  }

  @Test
  void recommendationsOfOneCode_areMergedWithAllTheirEvidence() {
    Recommendation first =
        Recommendation.screening(
            "c", "r1", "g", "why", List.of("Condition/1"), LocalDate.of(2026, 1, 1));
    Recommendation second =
        Recommendation.screening(
            "c", "r2", "g", "why", List.of("Condition/2", "Condition/1"), LocalDate.of(2026, 2, 1));

    List<Recommendation> merged = RuleEngine.mergeByCode(List.of(first, second));

    assertThat(merged).hasSize(1);
    assertThat(merged.get(0).ruleId()).isEqualTo("r1");
    assertThat(merged.get(0).evidence()).containsExactly("Condition/1", "Condition/2");
  }
}
