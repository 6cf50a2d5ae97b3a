package org.cocare.routes.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cocare.routes.evaluate.EvaluateCommandTest.EXAMPLES;
import static org.cocare.routes.evaluate.EvaluateCommandTest.JSON;
import static org.cocare.routes.evaluate.EvaluateCommandTest.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code cocare.jar evaluate} on a FHIR Bulk Data export: the example bundles taken apart into one
 * NDJSON file per resource type (Observations over two files, each file's lines in reverse, so that
 * every patient's resources are scattered) give each patient the line their bundle gives.
 */
class EvaluateBulkTest {
  static final List<String> BUNDLES =
      List.of(
          "daniel-positive-fit-severe-bp.json",
          "fang-telephone-followup.json",
          "grace-diabetes-uncontrolled.json",
          "james-discharged.json",
          "maria-diabetes.json",
          "robert-copd-remote-alert.json",
          "sofia-pregnant-depression-screen.json",
          "thomas-knee-replacement.json",
          "wei-screened.json");
  static final String SOFIA = "5ae512bd-2eec-4662-b145-bf101c4f2b30";

  @Test
  void bulkExport_givesEachPatientTheLineOfTheirBundle_andLeavesNoTemporaryFile(@TempDir Path dir)
      throws IOException {
    Path export = export(dir.resolve("export"), BUNDLES);
    Path temp = Files.createDirectory(dir.resolve("tmp"));
    List<String> bundles = new ArrayList<>(List.of("--as-of", "2026-11-29", "--explain"));
    BUNDLES.forEach(b -> bundles.add(EXAMPLES.resolve("bundles").resolve(b).toString()));

    EvaluateCommandTest.Run grouped = run(bundles.toArray(String[]::new));
    EvaluateCommandTest.Run bulk =
        run("--as-of", "2026-11-29", "--explain", "--temp-dir", temp.toString(), export.toString());

    assertThat(grouped.exitCode()).as(grouped.err()).isZero();
    assertThat(bulk.exitCode()).as(bulk.err()).isZero();
    assertThat(bulk.err()).isEmpty();
    assertThat(bulk.lines()).hasSize(BUNDLES.size());
    // The evidence of a recommendation is listed in the order of the record, which differs.
    assertThat(sortedEvidence(byPatient(bulk.lines())))
        .isEqualTo(sortedEvidence(byPatient(grouped.lines())));
    assertThat(listing(temp)).isEmpty();
  }

  @Test
  void noBulk_streamsTheExportAsBefore_soItsPatientsReappear(@TempDir Path dir) throws IOException {
    Path export = export(dir.resolve("export"), BUNDLES);

    EvaluateCommandTest.Run run = run("--as-of", "2026-11-29", "--no-bulk", export.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("patient " + SOFIA + " has resources after");
  }

  @Test
  void bulk_regroupsAnyInput_evenOneNotNamedForItsTypes_withItsProgressBar(@TempDir Path dir)
      throws IOException {
    Path file = Files.writeString(dir.resolve("split.ndjson"), EvaluateCommandTest.SPLIT_NDJSON);

    EvaluateCommandTest.Run run =
        run("--as-of", "2026-11-29", "--bulk", "--progress", file.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    // Reading the input is the first half of the bar; the small file is read whole at once.
    assertThat(run.err()).contains(" 50%  0 patients").endsWith("\r\033[K");
    Map<String, JsonNode> patients = byPatient(run.lines());
    assertThat(patients).containsOnlyKeys("r1", "r2");
    assertThat(patients.get("r1").path("recommendations").findValuesAsString("code"))
        .contains("education-diabetes-self-management");
  }

  @Test
  void bulk_onTheExamples_bundlesXmlAndAFolderOfResources_givesTheExpectedLines()
      throws IOException {
    EvaluateCommandTest.Run run = run("--as-of", "2026-11-29", "--bulk", EXAMPLES.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> expected =
        Files.readAllLines(Path.of("src/test/resources/examples-expected-2026-11-29.ndjson"))
            .stream()
            .filter(l -> !l.isBlank())
            .toList();
    assertThat(sortedEvidence(byPatient(run.lines())))
        .isEqualTo(sortedEvidence(byPatient(expected)));
  }

  @Test
  void medicationInItsOwnFile_joinsThePatientWhoseOrderRefersToIt(@TempDir Path dir)
      throws IOException {
    // A positive depression screen closed by an adult depression medication ordered on the day:
    // the order names its drug only through Medication/doxepin, in Medication.ndjson.
    String order =
        "{\"resourceType\":\"MedicationRequest\",\"id\":\"mr1\",\"status\":\"active\","
            + "\"intent\":\"order\",\"medicationReference\":{\"reference\":\"Medication/doxepin\"},"
            + "\"subject\":{\"reference\":\"Patient/"
            + SOFIA
            + "\"},\"authoredOn\":\"2026-11-17\"}\n";
    String doxepin =
        "{\"resourceType\":\"Medication\",\"id\":\"doxepin\",\"code\":{\"coding\":[{\"system\":"
            + "\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"1000048\"}]}}\n";
    String other =
        "{\"resourceType\":\"Medication\",\"id\":\"other\",\"code\":{\"coding\":[{\"system\":"
            + "\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"1000054\"}]}}\n";
    Path withOrder =
        export(dir.resolve("order-only"), List.of("sofia-pregnant-depression-screen.json"));
    Files.writeString(withOrder.resolve("MedicationRequest.ndjson"), order);
    Path withMedication =
        export(dir.resolve("with-medication"), List.of("sofia-pregnant-depression-screen.json"));
    Files.writeString(withMedication.resolve("MedicationRequest.ndjson"), order);
    Files.writeString(withMedication.resolve("Medication.ndjson"), other + doxepin);

    EvaluateCommandTest.Run unresolved = run("--as-of", "2026-11-29", withOrder.toString());
    EvaluateCommandTest.Run resolved = run("--as-of", "2026-11-29", withMedication.toString());

    assertThat(unresolved.exitCode()).as(unresolved.err()).isZero();
    assertThat(resolved.exitCode()).as(resolved.err()).isZero();
    assertThat(codes(unresolved.lines().get(0))).contains("followup-depression-positive");
    assertThat(codes(resolved.lines().get(0))).doesNotContain("followup-depression-positive");
  }

  @Test
  void malformedLine_isNamedByFileAndLine_exitsOne_andTheRestIsEvaluated(@TempDir Path dir)
      throws IOException {
    Path export = export(dir.resolve("export"), BUNDLES);
    Path conditions = export.resolve("Condition.ndjson");
    List<String> lines = new ArrayList<>(Files.readAllLines(conditions));
    lines.add(1, "{\"resourceType\":\"Condition\",\"id\":\"secret-diagnosis\",");
    Files.write(conditions, lines);
    Path temp = Files.createDirectory(dir.resolve("tmp"));

    EvaluateCommandTest.Run run =
        run("--as-of", "2026-11-29", "--temp-dir", temp.toString(), export.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("cannot read " + conditions + " line 2")
        .doesNotContain("secret-diagnosis");
    assertThat(run.err().split("cocare evaluate:", -1)).hasSize(2);
    assertThat(run.lines()).hasSize(BUNDLES.size());
    assertThat(listing(temp)).isEmpty();
  }

  @Test
  void unwritableTemporaryFolder_isASetUpProblem_exitTwo(@TempDir Path dir) throws IOException {
    Path export = export(dir.resolve("export"), List.of("james-discharged.json"));

    EvaluateCommandTest.Run run =
        run("--temp-dir", dir.resolve("no-such-folder").toString(), export.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("cannot make a temporary folder in").doesNotContain("\tat ");
    assertThat(run.lines()).isEmpty();
  }

  /**
   * Takes the bundles apart as a Bulk Data export does: each resource on one line of the file of
   * its type, Observations alternately in Observation.1 and Observation.2, each file in reverse.
   */
  static Path export(Path folder, List<String> bundleNames) throws IOException {
    Files.createDirectories(folder);
    Map<String, List<String>> files = new TreeMap<>();
    int observations = 0;
    for (String name : bundleNames) {
      JsonNode bundle = JSON.readTree(EXAMPLES.resolve("bundles").resolve(name).toFile());
      for (JsonNode entry : bundle.path("entry")) {
        JsonNode resource = entry.path("resource");
        String type = resource.path("resourceType").asString();
        if (type.equals("Observation")) {
          type += "." + (1 + observations++ % 2);
        }
        files
            .computeIfAbsent(type, t -> new ArrayList<>())
            .add(0, JSON.writeValueAsString(resource));
      }
    }
    for (Map.Entry<String, List<String>> file : files.entrySet()) {
      Files.write(
          folder.resolve(file.getKey() + ".ndjson"),
          file.getValue(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW);
    }
    return folder;
  }

  /** The lines with each "evidence" list sorted. */
  private static Map<String, JsonNode> sortedEvidence(Map<String, JsonNode> lines) {
    lines.values().forEach(EvaluateBulkTest::sortEvidence);
    return lines;
  }

  private static void sortEvidence(JsonNode node) {
    if (node instanceof ObjectNode object && object.get("evidence") instanceof ArrayNode evidence) {
      List<String> sorted = evidence.valueStream().map(JsonNode::asString).sorted().toList();
      evidence.removeAll();
      sorted.forEach(evidence::add);
    }
    node.forEach(EvaluateBulkTest::sortEvidence);
  }

  private static List<String> codes(String line) {
    return JSON.readTree(line).path("recommendations").findValuesAsString("code");
  }

  private static Map<String, JsonNode> byPatient(List<String> lines) {
    return lines.stream()
        .map(JSON::readTree)
        .collect(Collectors.toMap(n -> n.path("patient").asString(), Function.identity()));
  }

  private static List<Path> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
