package org.cocare.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;
import org.cocare.rules.ruleset.RuleSet;
import org.junit.jupiter.api.Test;

/**
 * Where a rule stands in its file must not change what it decides: action rules insert their
 * recommendations logically, so a need found met later in the same evaluation withdraws them.
 */
class RuleOrderTest {

  @Test
  void actionRuleWrittenFirst_stillYieldsToTheColonoscopyThatClosesTheGap() {
    RuleSet rules = RuleHarness.RULE_SET;
    String screening = rules.file("screening.drl");
    int action = screening.indexOf("rule \"screening-colorectal\"");
    int firstRule = screening.indexOf("rule \"");
    String actionFirst =
        screening.substring(0, firstRule)
            + screening.substring(action)
            + "\n"
            + screening.substring(firstRule, action);
    TreeMap<String, String> files = new TreeMap<>(rules.files());
    files.put("screening.drl", actionFirst);
    RuleSet rearranged = new RuleSet(rules.name(), "rearranged", files);
    LocalDate asOf = LocalDate.of(2026, 6, 1);
    List<Object> facts =
        List.of(
            RuleHarness.patient("p", asOf.minusYears(58)),
            RuleHarness.procedure(
                "colo", RuleHarness.SNOMED, "73761001", "completed", asOf.minusYears(5)));

    RuleHarness.Output output =
        RuleHarness.evaluate(RuleHarness.compile(rearranged), asOf, facts, rules.parameters());

    assertThat(actionFirst.indexOf("rule \"screening-colorectal\""))
        .isLessThan(actionFirst.indexOf("rule \"classify-"));
    assertThat(output.recommendations())
        .extracting(r -> r.code())
        .doesNotContain("screening-colorectal");
    assertThat(output.gapsClosed()).extracting(g -> g.evidence()).containsExactly("Procedure/colo");
  }
}
