package org.cocare.rules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RuleListingTest {
  /** A rule's name and consequence, in DRL as written or as generated from a decision table. */
  private static final Pattern RULE_THEN =
      Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"(?s:.*?)^\\s*then\\b(?s:(.*?))^\\s*end\\b");

  private static final Pattern RECOMMENDS =
      Pattern.compile("Recommendation\\.\\w+\\(|new Recommendation\\(");

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
            new RuleListing.Entry("a.drl", 4, "first", "USPSTF 2021 (\"A\")", null, null, null),
            new RuleListing.Entry("a.drl", 10, "no-source", null, null, null, null));
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
                "USPSTF colorectal cancer screening 2021 (A: 50-75, B: 45-49)",
                "Of colorectal screening age",
                "Quality — cancer screening",
                null));
    assertThat(entries).filteredOn(e -> e.file().equals("cms130.drl")).hasSizeGreaterThan(10);
    assertThat(entries).allSatisfy(e -> assertThat(e.source()).as(e.name()).isNotBlank());
  }

  @Test
  void titleAndOwner_comeFromRulesCsv_ruleWithoutARowHasNone() {
    String drl =
        """
        package p
        rule "titled"
        when
        then
        end
        rule "untitled"
        when
        then
        end
        """;
    RuleSet ruleSet =
        new RuleSet(
            "probe",
            "1",
            new TreeMap<>(
                Map.of(
                    "a.drl",
                    drl,
                    RuleSet.RULES_FILE,
                    "rule,title,owner\ntitled,A titled rule,\n")));

    assertThat(RuleListing.of(ruleSet))
        .containsExactly(
            new RuleListing.Entry("a.drl", 2, "titled", null, "A titled rule", null, null),
            new RuleListing.Entry("a.drl", 6, "untitled", null, null, null, null));
  }

  @Test
  void defaultRuleSet_everyRuleThatRecommends_hasATitleAnOwnerAndAValueConfiguration() {
    RuleSet ruleSet = RuleSet.loadDefault();
    List<String> sources = new ArrayList<>(ruleSet.drlFiles().values());
    ruleSet.decisionTables().keySet().forEach(t -> sources.add(DecisionTable.of(ruleSet, t).drl()));
    Set<String> recommending = new TreeSet<>();
    for (String drl : sources) {
      Matcher rule = RULE_THEN.matcher(drl);
      while (rule.find()) {
        if (RECOMMENDS.matcher(rule.group(2)).find()) {
          recommending.add(rule.group(1));
        }
      }
    }

    assertThat(recommending)
        .as("the rules that make a recommendation")
        .contains("screening-colorectal", "CMS130-screening-colorectal", "education-from-catalogue")
        .hasSizeGreaterThanOrEqualTo(15);
    assertThat(RuleListing.of(ruleSet))
        .filteredOn(e -> recommending.contains(e.name()))
        .hasSize(recommending.size())
        .allSatisfy(
            e -> {
              assertThat(e.title()).as("title of %s", e.name()).isNotBlank();
              assertThat(e.owner()).as("owner of %s", e.name()).isNotBlank();
              assertThat(e.configuration()).as("configuration of %s", e.name()).isNotNull();
            });
    assertThat(RuleListing.of(ruleSet))
        .filteredOn(e -> e.name().equals("education-group-invitation"))
        .extracting(RuleListing.Entry::configuration)
        .containsExactly(ValueConfiguration.NETWORK);
  }
}
