package org.cocare.routes.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.cocare.engine.conformance.EcqmCase;
import org.cocare.engine.conformance.EcqmCases;
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
    EcqmCases cases = EcqmCases.read(clinical.resolve("ecqm-cases"));
    Map<LocalDate, List<EcqmCase>> byMpEnd =
        cases.cases().stream()
            .filter(c -> IMPLEMENTED.contains(c.measure()))
            .collect(Collectors.groupingBy(EcqmCase::periodEnd, TreeMap::new, Collectors.toList()));
    List<String> disagreements = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<LocalDate, List<EcqmCase>> deck : byMpEnd.entrySet()) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--as-of",
                  deck.getKey().toString(),
                  "--valuesets",
                  clinical.resolve("valuesets").toString()));
      deck.getValue().forEach(c -> args.add(c.folder().toString()));
      EvaluateCommandTest.Run run = EvaluateCommandTest.run(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(run.err()).isZero();
      Map<String, JsonNode> byPatient =
          run.lines().stream()
              .map(JSON::readTree)
              .collect(Collectors.toMap(n -> n.path("patient").asString(), n -> n, (a, b) -> a));
      for (EcqmCase testCase : deck.getValue()) {
        JsonNode result = byPatient.get(testCase.patientId());
        boolean open = false;
        for (JsonNode recommendation : result.path("recommendations")) {
          open |= testCase.measure().equals(recommendation.path("measure").asString());
        }
        if (open != testCase.expectedOpen()) {
          disagreements.add(
              testCase.measure() + " " + testCase.patientId() + " " + testCase.title());
        }
        checked++;
      }
    }

    assertThat(checked).isPositive();
    assertThat(disagreements).isEmpty();
  }
}
