package org.cocare.rules.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeMap;
import org.cocare.rules.ruleset.RuleBase;
import org.cocare.rules.ruleset.RuleSet;
import org.cocare.rules.ruleset.RuleSetCompilationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading scenario files: strict, and every refusal names the file, line, column and field. */
class ScenariosTest {
  private static final String FILE = "scenarios-test.json";

  private static String file(String patient) {
    return """
        {
          "scenarios": [
            {
              "name": "first",
              "input": { "asOf": "2025-06-15", "patient": %s },
              "expected": { "recommendations": [ { "code": "screening-hcv", "evidence": [ "b", "a" ] } ] }
            }
          ]
        }
        """
        .formatted(patient);
  }

  @Test
  void wellFormedFile_readsEachScenario_withEmptyListsForWhatIsLeftOut() {
    List<Scenario> scenarios =
        Scenarios.parse(FILE, file("{ \"id\": \"p\", \"birthDate\": \"1967-03-02\" }"));

    assertThat(scenarios)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.name()).isEqualTo("first");
              assertThat(s.input().asOfDate()).hasToString("2025-06-15");
              assertThat(s.input().conditions()).isEmpty();
              assertThat(s.expected().gapsClosed()).isEmpty();
              assertThat(s.expected().recommendations().get(0).evidence())
                  .as("evidence order carries no meaning")
                  .containsExactly("a", "b");
            });
  }

  @Test
  void misspeltField_isRefused_namingFileLineAndFieldAndTheKnownOnes() {
    assertThatThrownBy(
            () -> Scenarios.parse(FILE, file("{ \"id\": \"p\", \"birthdate\": \"1967-03-02\" }")))
        .isInstanceOfSatisfying(
            ScenarioFormatException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        p ->
                            assertThat(p)
                                .startsWith(FILE + ":5:")
                                .contains("scenarios[0].input.patient: unknown field \"birthdate\"")
                                .contains("birthDate, deceased, gender, id, language, sex")));
  }

  @Test
  void dateThatIsNotADate_isRefused_namingTheField() {
    assertThatThrownBy(
            () -> Scenarios.parse(FILE, file("{ \"id\": \"p\", \"birthDate\": \"1967-13-02\" }")))
        .isInstanceOfSatisfying(
            ScenarioFormatException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        p ->
                            assertThat(p)
                                .startsWith(FILE + ":5:")
                                .contains("scenarios[0].input.patient")
                                .contains("birthDate must be a date like 2025-06-15")
                                .contains("1967-13-02")));
  }

  @Test
  void factWithoutId_isRefused() {
    assertThatThrownBy(() -> Scenarios.parse(FILE, file("{ \"birthDate\": \"1967-03-02\" }")))
        .isInstanceOf(ScenarioFormatException.class)
        .hasMessageContaining("id is required");
  }

  @Test
  void brokenJson_isRefusedWithItsLineAndColumn() {
    assertThatThrownBy(() -> Scenarios.parse(FILE, "{\n  \"scenarios\": [\n    { \"name\": }\n"))
        .isInstanceOfSatisfying(
            ScenarioFormatException.class,
            e -> assertThat(e.problems()).singleElement().asString().startsWith(FILE + ":3:"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{ \"scenarios\": [ { \"name\": \"x\" } ] }", "[]"})
  void fileWithoutScenariosOrAScenarioWithoutInput_isRefused(String json) {
    assertThatThrownBy(() -> Scenarios.parse(FILE, json))
        .isInstanceOfSatisfying(
            ScenarioFormatException.class,
            e -> assertThat(e.problems()).singleElement().asString().startsWith(FILE));
  }

  @Test
  void sameNameInTwoFiles_isRefused_namingBoth() {
    String one = file("{ \"id\": \"p\" }");
    TreeMap<String, String> files = new TreeMap<>();
    files.put("scenarios-a.json", one);
    files.put("scenarios-b.json", one);

    assertThatThrownBy(() -> Scenarios.parse(files))
        .isInstanceOfSatisfying(
            ScenarioFormatException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "scenarios-b.json scenario \"first\" is named twice (also in"
                            + " scenarios-a.json): each scenario needs its own name"));
  }

  @Test
  void everyUnreadableFile_isReported_notOnlyTheFirst() {
    TreeMap<String, String> files = new TreeMap<>();
    files.put("scenarios-a.json", "{");
    files.put("scenarios-b.json", "{ \"scenarios\": 1 }");

    assertThatThrownBy(() -> Scenarios.parse(files))
        .isInstanceOfSatisfying(
            ScenarioFormatException.class,
            e ->
                assertThat(e.problems())
                    .satisfiesExactly(
                        a -> assertThat(a).startsWith("scenarios-a.json:"),
                        b -> assertThat(b).startsWith("scenarios-b.json:")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"scenarios-colorectal.json", "scenarios-follow-up.json", "scenarios-a_b.json"})
  void scenariosDashGroupJson_isAScenarioFile(String name) {
    assertThat(Scenarios.isScenarioFile(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"scenarios.json", "scenarios-.json", "my-scenarios-a.json", "scenarios-a.csv"})
  void otherNames_areNot(String name) {
    assertThat(Scenarios.isScenarioFile(name)).isFalse();
  }

  @Test
  void ruleSetWithAnUnreadableScenarioFile_doesNotCompile_andValidationNamesTheFileAndLine() {
    RuleSet base = RuleSet.loadDefault();
    TreeMap<String, String> files = new TreeMap<>(base.files());
    files.put(FILE, file("{ \"id\": \"p\", \"birthdate\": \"1967-03-02\" }"));
    RuleSet broken = new RuleSet(base.name(), "broken", files);

    assertThatThrownBy(() -> RuleBase.compile(broken))
        .isInstanceOfSatisfying(
            RuleSetCompilationException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .startsWith(FILE + ":5:")
                    .contains("unknown field \"birthdate\""));
  }
}
