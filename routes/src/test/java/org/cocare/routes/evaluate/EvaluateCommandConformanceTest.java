package org.cocare.routes.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.cocare.rules.ruleset.Csv;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code cocare.jar evaluate --as-of <MP end> --valuesets ../shared/clinical/valuesets <case
 * folder>} answers like the conformance suite: for each steward case of an implemented measure, a
 * recommendation with the measure exactly when the care gap is OPEN. Case folders are given as they
 * are (single files, the duplicate Bundle and the MeasureReport side by side).
 */
class EvaluateCommandConformanceTest {
  static final Set<String> IMPLEMENTED =
      Set.of("CMS122", "CMS124", "CMS125", "CMS130", "CMS131", "CMS165", "CMS2");
  static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void caseFolders_getTheStewardsAnswer() throws IOException {
    Path clinical = Path.of(System.getProperty("cocare.shared.dir", "../../shared"), "clinical");
    assumeTrue(
        Files.isDirectory(clinical.resolve("ecqm-cases")),
        "../shared/clinical/ecqm-cases not found; skipping");
    Csv cases = Csv.parse(Files.readString(clinical.resolve("ecqm-cases/cases.csv")));
    Map<String, List<List<String>>> byMpEnd =
        cases.rows().stream()
            .filter(row -> IMPLEMENTED.contains(cases.cell(row, "measure")))
            .collect(
                Collectors.groupingBy(
                    row -> cases.cell(row, "mp_end"), TreeMap::new, Collectors.toList()));
    List<String> disagreements = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<String, List<List<String>>> deck : byMpEnd.entrySet()) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--as-of",
                  deck.getKey(),
                  "--valuesets",
                  clinical.resolve("valuesets").toString()));
      deck.getValue()
          .forEach(
              row ->
                  args.add(
                      clinical
                          .resolve("ecqm-cases")
                          .resolve(cases.cell(row, "measure"))
                          .resolve(cases.cell(row, "patient_id"))
                          .toString()));
      EvaluateCommandTest.Run run = EvaluateCommandTest.run(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(run.err()).isZero();
      Map<String, JsonNode> byPatient =
          run.lines().stream()
              .map(JSON::readTree)
              .collect(Collectors.toMap(n -> n.path("patient").asString(), n -> n, (a, b) -> a));
      for (List<String> row : deck.getValue()) {
        String measure = cases.cell(row, "measure");
        JsonNode result = byPatient.get(cases.cell(row, "patient_id"));
        boolean open = false;
        for (JsonNode recommendation : result.path("recommendations")) {
          open |= measure.equals(recommendation.path("measure").asString());
        }
        if (open != "OPEN".equals(cases.cell(row, "care_gap"))) {
          disagreements.add(
              measure + " " + cases.cell(row, "patient_id") + " " + cases.cell(row, "title"));
        }
        checked++;
      }
    }

    assertThat(checked).isPositive();
    assertThat(disagreements).isEmpty();
  }
}
