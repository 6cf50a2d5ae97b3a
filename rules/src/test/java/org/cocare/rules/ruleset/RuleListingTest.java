package org.cocare.rules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleListingTest {

  @Test
  void drlRule_listedWithItsLineAndSource() {
    String drl =
        """
        package p

        // rule "commented-out" is not a rule
        rule "first"
            @source("USPSTF 2021 (\\"A\\")")
        when
        then
        end

        rule "no-source"
        when
            $x : Object( toString() contains "@source(\\"not this\\")" )
        then
        end
        """;

    assertThat(RuleListing.drl("a.drl", drl))
        .containsExactly(
            new RuleListing.Entry("a.drl", 4, "first", "USPSTF 2021 (\"A\")"),
            new RuleListing.Entry("a.drl", 10, "no-source", null));
  }

  @Test
  void defaultRuleSet_everyRuleNamesItsSource_tableRowsIncluded() {
    List<RuleListing.Entry> entries = RuleListing.of(RuleSet.loadDefault());

    assertThat(entries)
        .contains(
            new RuleListing.Entry(
                "screening-age-bands.drl.csv",
                11,
                "classify-colorectal-eligible",
                "USPSTF colorectal cancer screening 2021 (A: 50-75, B: 45-49)"));
    assertThat(entries).filteredOn(e -> e.file().equals("cms130.drl")).hasSizeGreaterThan(10);
    assertThat(entries).allSatisfy(e -> assertThat(e.source()).as(e.name()).isNotBlank());
  }
}
