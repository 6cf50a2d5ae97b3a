package org.cocare.engine.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.cocare.rules.model.Code;
import org.cocare.rules.ruleset.RuleSet;
import org.junit.jupiter.api.Test;

class TerminologyTest {
  static final String VS_A = "http://cts.nlm.nih.gov/fhir/ValueSet/1.2.3";
  static final String VS_B = "http://cts.nlm.nih.gov/fhir/ValueSet/4.5.6";

  @Test
  void codeInTwoValueSets_isFoundInBoth_andUnknownCodesInNone() {
    StarterValueSets starter =
        StarterValueSets.fromCsv(
            """
            # comment
            valueset,system,code,display
            %s,http://snomed.info/sct,123,"Thing, with a comma"
            %s,http://snomed.info/sct,123,Same thing
            %s,http://loinc.org,9-9,"Quoted ""inner"" text"
            """
                .formatted(VS_A, VS_B, VS_B));
    Terminology terminology = Terminology.build(Set.of(VS_A, VS_B), List.of(starter), "test");

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
            () ->
                StarterValueSets.fromCsv("valueset,system,code\n" + VS_A + ",http://loinc.org,\n"))
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

  @Test
  void firstSourceHoldingAValueSet_wins() {
    ValueSetSource first = source("first", Map.of(VS_A, Set.of(new Code(SNOMED, "1"))));
    ValueSetSource second =
        source(
            "second",
            Map.of(VS_A, Set.of(new Code(SNOMED, "2")), VS_B, Set.of(new Code(SNOMED, "3"))));

    Terminology terminology = Terminology.build(Set.of(VS_A, VS_B), List.of(first, second), "test");

    assertThat(terminology.valueSetsContaining(SNOMED, "1")).containsExactly(VS_A);
    assertThat(terminology.valueSetsContaining(SNOMED, "2")).isEmpty();
    assertThat(terminology.sources()).containsEntry(VS_A, "first").containsEntry(VS_B, "second");
  }

  @Test
  void codeSystemSpellings_matchEachOther() {
    ValueSetSource source =
        source(
            "vs",
            Map.of(
                VS_A,
                Set.of(
                    new Code("http://www.nlm.nih.gov/research/umls/hcpcs", "G0270"),
                    new Code("http://hl7.org/fhir/sid/icd-10-cm", "E11.9"))));

    Terminology terminology = Terminology.build(Set.of(VS_A), List.of(source), "test");

    assertThat(
            terminology.valueSetsContaining(
                "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "G0270"))
        .containsExactly(VS_A);
    assertThat(
            terminology.valueSetsContaining(
                "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "G0270"))
        .containsExactly(VS_A);
    assertThat(terminology.valueSetsContaining("http://hl7.org/fhir/sid/icd-10", "E11.9"))
        .containsExactly(VS_A);
    assertThat(terminology.valueSetsContaining("http://hl7.org/fhir/sid/icd-10-cm/", "E11.9"))
        .containsExactly(VS_A);
    assertThat(terminology.valueSetsContaining("http://hl7.org/fhir/sid/icd-10-cm", "e11.9"))
        .isEmpty();
  }

  static final String SNOMED = "http://snomed.info/sct";

  static ValueSetSource source(String name, Map<String, Set<Code>> valueSets) {
    return new ValueSetSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Optional<Set<Code>> expansion(String url) {
        return Optional.ofNullable(valueSets.get(url));
      }
    };
  }
}
