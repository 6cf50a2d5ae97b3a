package org.cocare.rules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cocare.rules.model.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RuleSetTest {
  private static final RuleSet DEFAULT = RuleSet.loadDefault();

  /** Any quoted URL in the DRL, found without the class's own pattern. */
  private static final Pattern QUOTED_URL =
      Pattern.compile("\"((?:http://cts.nlm.nih.gov|https://cocare.org)/fhir/ValueSet/[^\"]+)\"");

  private static final Pattern PARAMETER_READ =
      Pattern.compile("\\$params\\.(intValue|listIncludes|text)\\(\\s*\"([^\"]+)\"");

  @Test
  void default_loadsEveryFileOfItsManifest() {
    assertThat(DEFAULT.name()).isEqualTo("cocare-default");
    assertThat(DEFAULT.label()).isEqualTo("cocare-default@1");
    assertThat(DEFAULT.files().keySet())
        .containsExactlyInAnyOrder(
            "education.drl",
            "screening.drl",
            "screening-age-bands.drl.csv",
            "followup.drl",
            "ecqm-common.drl",
            "cms130.drl",
            "cms125.drl",
            "cms124.drl",
            "ecqm-common-2024.drl",
            "cms122.drl",
            "cms131.drl",
            "cms165.drl",
            "cms2.drl",
            "uspstf.drl",
            "parameters.properties",
            "terminology.csv",
            "catalogue.csv",
            "catalogue-texts.csv",
            "rules.csv",
            "scenarios-colorectal.json",
            "scenarios-education.json",
            "scenarios-follow-up.json",
            "scenarios-language.json",
            "scenarios-uspstf.json");
    assertThat(DEFAULT.scenarioFiles().keySet())
        .containsExactly(
            "scenarios-colorectal.json",
            "scenarios-education.json",
            "scenarios-follow-up.json",
            "scenarios-language.json",
            "scenarios-uspstf.json");
    assertThat(DEFAULT.drlFiles().keySet())
        .containsExactly(
            "cms122.drl",
            "cms124.drl",
            "cms125.drl",
            "cms130.drl",
            "cms131.drl",
            "cms165.drl",
            "cms2.drl",
            "ecqm-common-2024.drl",
            "ecqm-common.drl",
            "education.drl",
            "followup.drl",
            "screening.drl",
            "uspstf.drl");
    assertThat(DEFAULT.decisionTables().keySet()).containsExactly("screening-age-bands.drl.csv");
    assertThat(DEFAULT.files().values()).allSatisfy(content -> assertThat(content).isNotBlank());
    assertThat(DEFAULT.file("no-such-file.drl")).isNull();
  }

  @Test
  void contentHash_isStableAcrossLoads() {
    String hash = DEFAULT.contentHash();

    assertThat(hash).matches("[0-9a-f]{64}");
    assertThat(RuleSet.loadDefault().contentHash()).isEqualTo(hash);
    assertThat(new RuleSet("other-name", "2", new TreeMap<>(DEFAULT.files())).contentHash())
        .as("the hash covers files, not the label")
        .isEqualTo(hash);
  }

  @Test
  void contentHash_changesWhenOneFileChanges() {
    TreeMap<String, String> files = new TreeMap<>(DEFAULT.files());
    files.put(
        "parameters.properties",
        files
            .get("parameters.properties")
            .replace("colorectal.due-days=30", "colorectal.due-days=14"));
    assertThat(files).isNotEqualTo(DEFAULT.files());

    assertThat(new RuleSet("cocare-default", "1", files).contentHash())
        .isNotEqualTo(DEFAULT.contentHash());
  }

  @Test
  void contentHash_changesWhenAFileIsRenamed() {
    TreeMap<String, String> files = new TreeMap<>(DEFAULT.files());
    files.put("education-v2.drl", files.remove("education.drl"));

    assertThat(new RuleSet("cocare-default", "1", files).contentHash())
        .isNotEqualTo(DEFAULT.contentHash());
  }

  @Test
  void valueSetsUsed_listsExactlyTheUrlsInTheDrl() {
    Set<String> quotedUrls = new TreeSet<>();
    DEFAULT
        .drlFiles()
        .values()
        .forEach(drl -> QUOTED_URL.matcher(drl).results().forEach(m -> quotedUrls.add(m.group(1))));

    assertThat(quotedUrls)
        .contains("http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113883.3.464.1003.108.12.1020");
    assertThat(DEFAULT.valueSetsUsed()).containsExactlyElementsOf(quotedUrls);
  }

  @Test
  void everyValueSetUsed_hasCodesInTheStarterTerminology() {
    Csv terminology = Csv.parse(DEFAULT.file(RuleSet.TERMINOLOGY_FILE));
    Set<String> inTerminology =
        terminology.rows().stream()
            .map(row -> terminology.cell(row, "valueset"))
            .collect(Collectors.toSet());

    assertThat(DEFAULT.valueSetsUsed())
        .isNotEmpty()
        .allSatisfy(url -> assertThat(inTerminology).contains(url));
  }

  @Test
  void valueSetsUsed_toleratesSpacesAndIgnoresOtherStrings() {
    RuleSet ruleSet =
        new RuleSet(
            "probe",
            "1",
            new TreeMap<>(
                Map.of(
                    "a.drl",
                    "rule \"a\" when C( inValueSet( \"urn:vs:a\" ) ) then end",
                    "b.drl",
                    "rule \"b\" when C( inValueSet(\"urn:vs:b\"), name == \"urn:vs:c\" ) then end")));

    assertThat(ruleSet.valueSetsUsed()).containsExactly("urn:vs:a", "urn:vs:b");
  }

  @Test
  void everyParameterTheRulesRead_isDefinedAndWellFormed() {
    Parameters parameters = DEFAULT.parameters();
    Map<String, Set<String>> readsByMethod = new TreeMap<>();
    DEFAULT
        .drlFiles()
        .values()
        .forEach(
            drl -> {
              Matcher m = PARAMETER_READ.matcher(drl);
              while (m.find()) {
                readsByMethod.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
              }
            });

    assertThat(readsByMethod.get("intValue"))
        .contains("colorectal.due-days", "post-discharge.due-days");
    readsByMethod
        .getOrDefault("intValue", Set.of())
        .forEach(name -> assertThat(parameters.intValue(name)).as(name).isNotNegative());
    readsByMethod
        .getOrDefault("listIncludes", Set.of())
        .forEach(name -> assertThat(parameters.text(name)).as(name).isNotBlank());
  }

  @Test
  void parameters_parseTrimmedValuesAndLists() {
    Parameters parameters =
        ruleSetWithParameters("# a comment\nwindow-days = 30 \nclasses=IMP, ACUTE ,NONAC\n")
            .parameters();

    assertThat(parameters.intValue("window-days")).isEqualTo(30);
    assertThat(parameters.listIncludes("classes", "ACUTE")).isTrue();
    assertThat(parameters.listIncludes("classes", "NONAC")).isTrue();
    assertThat(parameters.listIncludes("classes", "AMB")).isFalse();
    assertThat(parameters.listIncludes("classes", null)).isFalse();
  }

  @Test
  void missingParameter_failsNamingIt() {
    assertThatThrownBy(() -> DEFAULT.parameters().intValue("colorectal.due-dayz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'colorectal.due-dayz'")
        .hasMessageContaining("not defined")
        .hasMessageContaining("colorectal.due-days");
  }

  @Test
  void nonNumericParameter_failsNamingItAndItsValue() {
    Parameters parameters = ruleSetWithParameters("colorectal.min-age=forty-five\n").parameters();

    assertThatThrownBy(() -> parameters.intValue("colorectal.min-age"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'colorectal.min-age'")
        .hasMessageContaining("forty-five");
  }

  @Test
  void ruleSetWithoutParametersFile_hasNoParameters() {
    RuleSet ruleSet = new RuleSet("probe", "1", new TreeMap<>(Map.of("a.drl", "")));

    assertThatThrownBy(() -> ruleSet.parameters().intValue("any")).hasMessageContaining("'any'");
  }

  @Test
  void ruleSetWithoutDrlOrDecisionTable_isRefused() {
    TreeMap<String, String> files = new TreeMap<>(DEFAULT.files());
    files.keySet().removeIf(name -> name.endsWith(".drl") || RuleSet.isDecisionTable(name));

    assertThatThrownBy(() -> new RuleSet("cocare-default", "1", files))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no .drl file");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"Cocare", "-leading-dash", "with space", "under_score", "dots.v1"})
  void badName_isRefused(String name) {
    assertThatThrownBy(() -> new RuleSet(name, "1", new TreeMap<>(Map.of("a.drl", ""))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rule set name");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = " ")
  void blankVersion_isRefused(String version) {
    assertThatThrownBy(() -> new RuleSet("probe", version, new TreeMap<>(Map.of("a.drl", ""))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version");
  }

  @Test
  void missingClasspathFolder_failsNamingThePath() {
    assertThatThrownBy(() -> RuleSet.fromClasspath("org/cocare/rules/nowhere"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("org/cocare/rules/nowhere/ruleset.properties");
  }

  private static RuleSet ruleSetWithParameters(String properties) {
    return new RuleSet(
        "probe", "1", new TreeMap<>(Map.of("a.drl", "", RuleSet.PARAMETERS_FILE, properties)));
  }

  @Test
  void everyRule_namesItsSource() {
    Pattern rule = Pattern.compile("(?m)^rule \"([^\"]+)\"\\s*\\n\\s*(@source\\(\"[^\"]+\"\\))?");
    List<String> withoutSource = new java.util.ArrayList<>();
    Map<String, String> drlByFile = new TreeMap<>(DEFAULT.drlFiles());
    DEFAULT
        .decisionTables()
        .keySet()
        .forEach(table -> drlByFile.put(table, DecisionTable.of(DEFAULT, table).drl()));
    drlByFile.forEach(
        (file, drl) ->
            rule.matcher(drl)
                .results()
                .filter(m -> m.group(2) == null)
                .forEach(m -> withoutSource.add(file + ": " + m.group(1))));

    assertThat(drlByFile).containsKey("screening-age-bands.drl.csv");
    assertThat(drlByFile.get("screening-age-bands.drl.csv"))
        .contains("rule \"classify-colorectal-eligible\"");
    assertThat(withoutSource).isEmpty();
  }
}
