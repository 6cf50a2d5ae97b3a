package org.cocare.rules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cocare.rules.RuleHarness;
import org.junit.jupiter.api.Test;

/** The test CSV reader: the terminology the rule tests see is only as right as this parser. */
class CsvTest {

  @Test
  void quotedCells_keepTheirCommasAndDoubledQuotes() {
    Csv csv =
        Csv.parse(
            "# a comment, with a comma\n"
                + "item,title\n"
                + "a,\"Colonoscopy, flexible; \"\"diagnostic\"\"\"\n"
                + "b,plain\n");

    assertThat(csv.header()).containsExactly("item", "title");
    assertThat(csv.rows())
        .containsExactly(
            List.of("a", "Colonoscopy, flexible; \"diagnostic\""), List.of("b", "plain"));
    assertThat(csv.headerLine()).as("after the comment").isEqualTo(2);
    assertThat(csv.lines()).containsExactly(3, 4);
  }

  @Test
  void rowWithTooManyCells_isRefusedWithItsLine() {
    assertThatThrownBy(() -> Csv.parse("item,title\na,b,c\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void unclosedQuote_isRefused() {
    assertThatThrownBy(() -> Csv.parse("item,title\na,\"open\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unclosed quote");
  }

  @Test
  void defaultTerminology_readsEveryRowWithFourCells() {
    Csv csv = Csv.parse(RuleHarness.RULE_SET.file("terminology.csv"));

    assertThat(csv.header()).containsExactly("valueset", "system", "code", "display");
    assertThat(csv.rows())
        .isNotEmpty()
        .allSatisfy(row -> assertThat(csv.cell(row, "valueset")).startsWith("http"));
    assertThat(RuleHarness.TERMINOLOGY.valueSetsContaining(RuleHarness.CPT, "45378"))
        .containsExactly(
            "http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113883.3.464.1003.108.12.1020");
    assertThat(RuleHarness.TERMINOLOGY.valueSetsContaining(RuleHarness.SNOMED, "45378")).isEmpty();
  }
}
