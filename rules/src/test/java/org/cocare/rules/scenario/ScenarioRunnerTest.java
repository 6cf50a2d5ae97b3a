package org.cocare.rules.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.cocare.rules.RuleHarness;
import org.cocare.rules.model.Parameters;
import org.cocare.rules.scenario.Scenario.Expected;
import org.cocare.rules.scenario.Scenario.ExpectedGap;
import org.cocare.rules.scenario.Scenario.ExpectedRecommendation;
import org.junit.jupiter.api.Test;

/**
 * A scenario whose expectation is wrong fails, and says what differs in words: recommendations and
 * closed gaps expected but not produced, produced but not expected, or produced otherwise.
 */
class ScenarioRunnerTest {
  private static final ScenarioRunner RUNNER =
      new ScenarioRunner(
          RuleHarness.ruleBase(), RuleHarness.RULE_SET.parameters(), RuleHarness.TERMINOLOGY);

  /** A 58-year-old never screened: colorectal, HCV and HIV reminders and the decision aid. */
  private static final String DUE = "age-58-never-screened_colorectal-due";

  private static final String COLONOSCOPY = "colonoscopy-9-years-ago_closes-colorectal-gap";

  private static Scenario shipped(String name) {
    return RuleHarness.RULE_SET.scenarios().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static Scenario withRecommendations(
      Scenario scenario, UnaryOperator<List<ExpectedRecommendation>> change) {
    List<ExpectedRecommendation> recommendations =
        change.apply(new ArrayList<>(scenario.expected().recommendations()));
    return new Scenario(
        scenario.name(),
        scenario.input(),
        new Expected(recommendations, scenario.expected().gapsClosed()));
  }

  @Test
  void shippedScenario_passes_withNoDifferences() {
    ScenarioResult result = RUNNER.run(shipped(DUE));

    assertThat(result.name()).isEqualTo(DUE);
    assertThat(result.passed()).isTrue();
    assertThat(result.differences()).isEmpty();
  }

  @Test
  void recommendationLeftOutOfTheExpectation_isProducedButNotExpected() {
    Scenario scenario =
        withRecommendations(
            shipped(DUE),
            list -> {
              list.removeIf(r -> r.code().equals("screening-hcv"));
              return list;
            });

    ScenarioResult result = RUNNER.run(scenario);

    assertThat(result.passed()).isFalse();
    assertThat(result.differences())
        .containsExactly(
            "recommendation produced but not expected: screening-hcv (screening-reminder, priority"
                + " routine, due 2025-07-15, rule screening-hcv, evidence Patient/crc)");
  }

  @Test
  void recommendationTheRulesDoNotMake_isExpectedButNotProduced() {
    Scenario scenario =
        withRecommendations(
            shipped(DUE),
            list -> {
              list.add(
                  new ExpectedRecommendation(
                      "screening-lung",
                      "screening-reminder",
                      "screening-lung",
                      List.of("Patient/crc"),
                      "2025-07-15",
                      "routine",
                      null,
                      null,
                      null));
              return list;
            });

    assertThat(RUNNER.run(scenario).differences())
        .containsExactly(
            "recommendation expected but not produced: screening-lung (screening-reminder, priority"
                + " routine, due 2025-07-15, rule screening-lung, evidence Patient/crc)");
  }

  @Test
  void recommendationWithAnotherDueDateAndPriority_saysWhatItWasInstead() {
    Scenario scenario =
        withRecommendations(
            shipped(DUE),
            list ->
                new ArrayList<>(
                    list.stream()
                        .map(
                            r ->
                                r.code().equals("screening-colorectal")
                                    ? new ExpectedRecommendation(
                                        r.code(),
                                        r.kind(),
                                        r.ruleId(),
                                        r.evidence(),
                                        "2025-08-15",
                                        "urgent",
                                        null,
                                        null,
                                        null)
                                    : r)
                        .toList()));

    assertThat(RUNNER.run(scenario).differences())
        .containsExactly(
            "recommendation screening-colorectal produced with priority routine instead of"
                + " urgent, due 2025-07-15 instead of 2025-08-15");
  }

  @Test
  void gapClosedByOtherEvidence_missingOrUnexpected_isSaid() {
    Scenario shipped = shipped(COLONOSCOPY);
    List<ExpectedGap> gaps = shipped.expected().gapsClosed();
    assertThat(gaps).extracting(ExpectedGap::code).contains("screening-colorectal");
    List<ExpectedGap> changed =
        gaps.stream()
            .map(
                g ->
                    g.code().equals("screening-colorectal")
                        ? new ExpectedGap(g.code(), "Procedure/other")
                        : g)
            .toList();
    List<ExpectedGap> extra = new ArrayList<>(gaps);
    extra.add(new ExpectedGap("screening-lung", "Procedure/ldct"));
    String evidence =
        gaps.stream()
            .filter(g -> g.code().equals("screening-colorectal"))
            .findFirst()
            .orElseThrow()
            .evidence();

    assertThat(run(shipped, changed).differences())
        .containsExactly(
            "gap screening-colorectal closed by " + evidence + " instead of Procedure/other");
    assertThat(run(shipped, extra).differences())
        .containsExactly("closed gap expected but not produced: screening-lung by Procedure/ldct");
    assertThat(run(shipped, List.of()).differences())
        .allSatisfy(d -> assertThat(d).startsWith("gap closed but not expected: "))
        .hasSameSizeAs(gaps);
  }

  @Test
  void rulesThatFailOnAScenario_failThatScenario_withTheReason() {
    ScenarioRunner withoutParameters =
        new ScenarioRunner(
            RuleHarness.ruleBase(), new Parameters(Map.of()), RuleHarness.TERMINOLOGY);

    ScenarioResult result = withoutParameters.run(shipped(DUE));

    assertThat(result.passed()).isFalse();
    assertThat(result.differences())
        .singleElement()
        .asString()
        .startsWith("the rules failed on this scenario: ")
        .contains("is not defined");
  }

  @Test
  void run_givesOneResultPerScenario_inOrder() {
    List<ScenarioResult> results = RUNNER.run(List.of(shipped(COLONOSCOPY), shipped(DUE)));

    assertThat(results).extracting(ScenarioResult::name).containsExactly(COLONOSCOPY, DUE);
    assertThat(results).allMatch(ScenarioResult::passed);
  }

  private static ScenarioResult run(Scenario scenario, List<ExpectedGap> gaps) {
    return RUNNER.run(
        new Scenario(
            scenario.name(),
            scenario.input(),
            new Expected(scenario.expected().recommendations(), gaps)));
  }
}
