package org.cocare.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;
import org.cocare.rules.RuleCase.ExpectedGap;
import org.cocare.rules.RuleCase.ExpectedRecommendation;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case under {@code src/test/resources/cases}: the default rules, run on the case's input,
 * produce exactly the recommendations and closed gaps in its expected.json. Adding a case is adding
 * a folder.
 */
class RuleCasesTest {

  static Stream<Named<Path>> cases() throws URISyntaxException {
    Path root =
        Path.of(Objects.requireNonNull(RuleCasesTest.class.getResource("/cases"), "cases").toURI());
    return RuleCase.directories(root).map(d -> Named.of(d.getFileName().toString(), d));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void caseInput_producesExactlyTheExpectedOutput(Path directory) {
    RuleCase ruleCase = RuleCase.read(directory);

    RuleHarness.Output output =
        RuleHarness.evaluate(ruleCase.input().asOfDate(), ruleCase.input().facts());

    assertThat(output.recommendations().stream().map(ExpectedRecommendation::of))
        .as("recommendations of case %s", ruleCase.name())
        .containsExactlyInAnyOrderElementsOf(ruleCase.expected().recommendations());
    assertThat(output.gapsClosed().stream().map(ExpectedGap::of))
        .as("closed gaps of case %s", ruleCase.name())
        .containsExactlyInAnyOrderElementsOf(ruleCase.expected().gapsClosed());
  }
}
