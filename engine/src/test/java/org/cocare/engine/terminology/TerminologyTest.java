package org.cocare.engine.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.TreeMap;
import org.cocare.rules.ruleset.RuleSet;
import org.junit.jupiter.api.Test;

class TerminologyTest {
  static final String VS_A = "http://cts.nlm.nih.gov/fhir/ValueSet/1.2.3";
  static final String VS_B = "http://cts.nlm.nih.gov/fhir/ValueSet/4.5.6";

  @Test
  void codeInTwoValueSets_isFoundInBoth_andUnknownCodesInNone() {
    Terminology terminology =
        Terminology.fromCsv(
            """
            # comment
            valueset,system,code,display
            %s,http://snomed.info/sct,123,"Thing, with a comma"
            %s,http://snomed.info/sct,123,Same thing
            %s,http://loinc.org,9-9,"Quoted ""inner"" text"
            """
                .formatted(VS_A, VS_B, VS_B));

    assertThat(terminology.valueSetsContaining("http://snomed.info/sct", "123"))
        .containsExactlyInAnyOrder(VS_A, VS_B);
    assertThat(terminology.valueSetsContaining("http://loinc.org", "9-9")).containsExactly(VS_B);
    assertThat(terminology.valueSetsContaining("http://loinc.org", "123")).isEmpty();
    assertThat(terminology.valueSetsContaining(null, "123")).isEmpty();
    assertThat(terminology.valueSets()).containsExactlyInAnyOrder(VS_A, VS_B);
  }

  @Test
  void rowWithoutCode_failsWithItsNumber() {
    assertThatThrownBy(
            () -> Terminology.fromCsv("valueset,system,code\n" + VS_A + ",http://loinc.org,\n"))
        .hasMessageContaining("row 1");
  }

  @Test
  void defaultRuleSet_hasEveryValueSetItUses() {
    RuleSet ruleSet = RuleSet.loadDefault();

    assertThat(Terminology.fromRuleSet(ruleSet).valueSets()).containsAll(ruleSet.valueSetsUsed());
  }

  @Test
  void ruleUsingAnUnknownValueSet_failsAtStartNamingIt() {
    RuleSet base = RuleSet.loadDefault();
    TreeMap<String, String> files = new TreeMap<>(base.files());
    files.put(
        "extra.drl",
        "package x\nimport org.cocare.rules.model.ConditionFact\nrule \"y\" when ConditionFact(inValueSet(\"http://example.org/ValueSet/missing\")) then end\n");

    assertThatThrownBy(() -> Terminology.fromRuleSet(new RuleSet(base.name(), "2", files)))
        .hasMessageContaining("http://example.org/ValueSet/missing");
  }
}
