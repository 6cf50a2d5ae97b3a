package org.cocare.rules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RuleMetadataTest {
  private static final List<String> RULES = List.of("screening-colorectal", "screening-lung");

  @Test
  void rows_giveTheirRuleATitleAndOwner_commentsAndQuotesAllowed() {
    RuleMetadata metadata =
        RuleMetadata.parse(
            """
            # who answers for what
            rule,title,owner
            screening-colorectal,Colorectal cancer screening reminder,Quality — cancer screening
            screening-lung,"Lung cancer screening, yearly",
            """);

    assertThat(metadata.row("screening-colorectal"))
        .isEqualTo(
            new RuleMetadata.Row(
                3,
                "screening-colorectal",
                "Colorectal cancer screening reminder",
                "Quality — cancer screening",
                null));
    assertThat(metadata.row("screening-lung").title()).isEqualTo("Lung cancer screening, yearly");
    assertThat(metadata.row("screening-lung").owner()).isEmpty();
    assertThat(metadata.row("screening-hiv")).isNull();
    assertThat(metadata.problems(RULES)).isEmpty();
  }

  @Test
  void unknownRule_isAProblemNamingFileAndLine() {
    RuleMetadata metadata =
        RuleMetadata.parse(
            "rule,title,owner\nscreening-colorectl,Colorectal reminder,Primary care\n");

    assertThat(metadata.problems(RULES))
        .containsExactly(
            "rules.csv:2 names rule screening-colorectl, which no .drl file or decision table of"
                + " this rule set has: check the spelling, or remove the row");
  }

  @Test
  void configurationColumn_namesEachRulesValueConfiguration_unknownCodeIsAProblem() {
    RuleMetadata metadata =
        RuleMetadata.parse(
            """
            rule,title,owner,configuration
            screening-colorectal,Colorectal cancer screening reminder,Quality,chain
            screening-lung,Lung cancer screening,,supermarket
            """);

    assertThat(metadata.row("screening-colorectal").configuration())
        .isEqualTo(ValueConfiguration.CHAIN);
    assertThat(metadata.row("screening-lung").configuration()).isNull();
    assertThat(metadata.problems(RULES))
        .containsExactly(
            "rules.csv:3 gives rule screening-lung the configuration supermarket: use chain, shop"
                + " or network, or leave it blank");
  }

  @Test
  void duplicateRule_isAProblemAtItsSecondRow() {
    RuleMetadata metadata =
        RuleMetadata.parse(
            "rule,title,owner\n"
                + "screening-lung,Lung cancer screening reminder,Primary care\n"
                + "# moved to the cancer screening team\n"
                + "screening-lung,Lung cancer screening reminder,Quality — cancer screening\n");

    assertThat(metadata.problems(RULES))
        .containsExactly(
            "rules.csv:4 lists rule screening-lung again (first at line 2): keep one row");
    assertThat(metadata.row("screening-lung").owner()).isEqualTo("Primary care");
  }

  @Test
  void blankTitleOrRule_isAProblemAtItsLine() {
    RuleMetadata metadata =
        RuleMetadata.parse(
            "rule,title,owner\nscreening-lung,  ,Primary care\n,Orphan title,Primary care\n");

    assertThat(metadata.problems(RULES))
        .containsExactly(
            "rules.csv:2 gives rule screening-lung no title: fill one in",
            "rules.csv:3 names no rule: fill in the rule's name");
  }

  @Test
  void missingColumn_isAProblemAtTheHeaderLine() {
    RuleMetadata metadata =
        RuleMetadata.parse("# titles\n\nrule,title\nscreening-lung,Lung cancer screening\n");

    assertThat(metadata.problems(RULES))
        .containsExactly(
            "rules.csv:3 has no column owner: the first line must name the columns"
                + " rule,title,owner");
    assertThat(metadata.row("screening-lung")).isNull();
  }

  @Test
  void rowWithTooFewCells_isAProblemNamingTheFile() {
    RuleMetadata metadata = RuleMetadata.parse("rule,title,owner\nscreening-lung,Lung\n");

    assertThat(metadata.problems(RULES))
        .containsExactly("rules.csv: line 2 has 2 cells, header has 3");
  }

  @Test
  void ruleSetWithoutTheFile_hasNoTitlesAndNoProblems() {
    TreeMap<String, String> files = new TreeMap<>(RuleSet.loadDefault().files());
    files.remove(RuleSet.RULES_FILE);
    RuleMetadata metadata = RuleMetadata.of(new RuleSet("cocare-default", "2", files));

    assertThat(metadata.row("screening-colorectal")).isNull();
    assertThat(metadata.problems(List.of())).isEmpty();
  }

  @Test
  void compile_refusesUnknownDuplicateAndUntitledRows_eachWithFileAndLine() {
    RuleSet base = RuleSet.loadDefault();
    TreeMap<String, String> files = new TreeMap<>(base.files());
    files.put(
        RuleSet.RULES_FILE,
        """
        rule,title,owner
        screening-colorectal,Colorectal cancer screening reminder,Quality — cancer screening
        screening-colorectal,Colorectal reminder,Primary care
        screening-lung,,Quality — cancer screening
        screening-prostate,Prostate cancer screening reminder,Quality — cancer screening
        """);

    RuleSetCompilationException failure =
        catchThrowableOfType(
            RuleSetCompilationException.class,
            () -> RuleBase.compile(new RuleSet(base.name(), "2", files)));

    assertThat(failure).isNotNull();
    assertThat(failure.problems())
        .containsExactly(
            "rules.csv:3 lists rule screening-colorectal again (first at line 2): keep one row",
            "rules.csv:4 gives rule screening-lung no title: fill one in",
            "rules.csv:5 names rule screening-prostate, which no .drl file or decision table of"
                + " this rule set has: check the spelling, or remove the row");
  }
}
