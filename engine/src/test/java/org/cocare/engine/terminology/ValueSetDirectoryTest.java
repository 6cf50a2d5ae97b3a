package org.cocare.engine.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.cocare.rules.model.Code;
import org.cocare.rules.ruleset.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueSetDirectoryTest {
  static final FhirContext FHIR = FhirContext.forR4Cached();
  static final String COLONOSCOPY =
      "http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113883.3.464.1003.108.12.1020";

  static Path sharedValueSets() {
    Path dir =
        Path.of(System.getProperty("cocare.shared.dir", "../../shared"), "clinical", "valuesets");
    assumeTrue(
        Files.isDirectory(dir),
        "../shared/clinical/valuesets not found at " + dir.toAbsolutePath() + "; skipping");
    return dir;
  }

  @Test
  void measureValueSets_areReadWithTheirWholeExpansion() throws IOException {
    Path dir = sharedValueSets();

    ValueSetDirectory valueSets = ValueSetDirectory.read(FHIR, List.of(dir));

    long files;
    try (var list = Files.list(dir)) {
      files = list.filter(f -> f.toString().endsWith(".json")).count();
    }
    assertThat(valueSets.size()).isEqualTo(files);
    Set<Code> colonoscopy = valueSets.expansion(COLONOSCOPY).orElseThrow();
    assertThat(colonoscopy)
        .hasSize(51)
        .contains(new Code("http://www.ama-assn.org/go/cpt", "45378"));
    assertThat(valueSets.expansion("http://example.org/ValueSet/none")).isEmpty();
  }

  @Test
  void defaultRuleSet_findsEveryValueSetInTheMeasureFolder_beforeTheStarter() {
    Path dir = sharedValueSets();
    RuleSet ruleSet = RuleSet.loadDefault();

    Terminology terminology =
        Terminology.forRuleSet(ruleSet, List.of(ValueSetDirectory.read(FHIR, List.of(dir))));

    // Project-authored value sets (https://cocare.org/fhir/ValueSet/...) are not in VSAC: the
    // starter terminology is where they live.
    assertThat(terminology.sources()).isNotEmpty();
    terminology
        .sources()
        .forEach(
            (url, source) -> {
              if (url.startsWith("https://cocare.org/fhir/ValueSet/")) {
                assertThat(source).as(url).isEqualTo("starter terminology");
              } else {
                assertThat(source).as(url).isNotEqualTo("starter terminology");
              }
            });
    assertThat(terminology.valueSetsContaining("http://www.ama-assn.org/go/cpt", "44388"))
        .contains(COLONOSCOPY);
  }

  @Test
  void valueSetWithoutExpansion_contributesItsEnumeratedConcepts(@TempDir Path dir)
      throws IOException {
    Files.writeString(
        dir.resolve("local.json"),
        """
        {"resourceType":"ValueSet","url":"http://example.org/ValueSet/local","status":"active",
         "compose":{"include":[{"system":"http://loinc.org","concept":[{"code":"4548-4"},{"code":"17856-6"}]}]}}
        """);
    Files.writeString(dir.resolve("other.json"), "{\"resourceType\":\"Patient\",\"id\":\"x\"}");

    ValueSetDirectory valueSets = ValueSetDirectory.read(FHIR, List.of(dir));

    assertThat(valueSets.expansion("http://example.org/ValueSet/local").orElseThrow())
        .containsExactlyInAnyOrder(
            new Code("http://loinc.org", "4548-4"), new Code("http://loinc.org", "17856-6"));
    assertThat(valueSets.size()).isEqualTo(1);
  }

  @Test
  void missingFolder_failsWithItsPath(@TempDir Path dir) {
    assertThatThrownBy(() -> ValueSetDirectory.read(FHIR, List.of(dir.resolve("nope"))))
        .hasMessageContaining("nope");
  }
}
