package org.cocare.routes.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code cocare.jar evaluate} on the shipped examples: one line per patient, matching the expected
 * results written beside the examples, and no side effects.
 */
class EvaluateCommandTest {
  /** Patient r1's Condition comes after patient r2: r1's resources are not together. */
  static final String SPLIT_NDJSON =
      """
      {"resourceType":"Patient","id":"r1","birthDate":"1970-01-01"}
      {"resourceType":"Patient","id":"r2","birthDate":"2000-01-01"}
      {"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/r1"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"44054006"}]}}
      """;

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Path EXAMPLES = Path.of(System.getProperty("cocare.examples.dir", "../examples"));

  record Run(int exitCode, List<String> lines, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        EvaluateCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    List<String> lines =
        Arrays.stream(out.toString(StandardCharsets.UTF_8).split("\\R"))
            .filter(l -> !l.isBlank())
            .toList();
    return new Run(code, lines, err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void examples_printOneLinePerPatient_asExpected() throws IOException {
    Run run = run("--as-of", "2026-11-29", EXAMPLES.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<String, JsonNode> actual = byPatient(run.lines().stream());
    Map<String, JsonNode> expected =
        byPatient(
            Files.readAllLines(Path.of("src/test/resources/examples-expected-2026-11-29.ndjson"))
                .stream()
                .filter(l -> !l.isBlank()));
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach(
        (patient, line) -> assertThat(actual.get(patient)).as(patient).isEqualTo(line));
  }

  @Test
  void unreadableInput_exitsNonZeroWithAClearMessage_andStillEvaluatesTheRest(@TempDir Path dir)
      throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"resourceType\": \"Patient\",");

    Run run =
        run(
            "--as-of",
            "2026-11-29",
            broken.toString(),
            dir.resolve("missing.json").toString(),
            EXAMPLES.resolve("bundles/james-discharged.json").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("cannot read " + broken)
        .contains("missing.json")
        .contains("no such file");
    assertThat(run.lines()).hasSize(1);
    assertThat(run.lines().get(0)).contains("followup-post-discharge");
  }

  @Test
  void evaluation_writesNothing(@TempDir Path dir) throws IOException {
    Path copy =
        Files.copy(EXAMPLES.resolve("bundles/maria-diabetes.json"), dir.resolve("maria.json"));
    List<Path> before = listing(Path.of("."));

    Run run = run(copy.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(listing(Path.of("."))).isEqualTo(before);
    assertThat(listing(dir)).containsExactly(copy);
  }

  @Test
  void ndjson_groupsResourcesByPatient(@TempDir Path dir) throws IOException {
    String ndjson =
        """
        {"resourceType":"Patient","id":"n1","birthDate":"1970-01-01"}
        {"resourceType":"Patient","id":"n2","birthDate":"2000-01-01"}
        {"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/n2"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"44054006"}]}}
        """;
    Path file = Files.writeString(dir.resolve("people.ndjson"), ndjson);

    Run run = run("--as-of", "2026-11-29", file.toString());

    Map<String, JsonNode> patients = byPatient(run.lines().stream());
    assertThat(patients.get("n1").path("recommendations").findValuesAsString("code"))
        .contains("screening-colorectal")
        .doesNotContain("education-diabetes-self-management");
    assertThat(patients.get("n2").path("recommendations").findValuesAsString("code"))
        .contains("education-diabetes-self-management");
  }

  @Test
  void ndjson_patientWhoseResourcesComeBack_isNamedOnStderr_andExitsNonZero(@TempDir Path dir)
      throws IOException {
    Path file = Files.writeString(dir.resolve("split.ndjson"), SPLIT_NDJSON);

    Run run = run("--as-of", "2026-11-29", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("patient r1 ").doesNotContain("44054006");
    assertThat(byPatient(run.lines().stream())).containsOnlyKeys("r1", "r2");
  }

  @Test
  void ndjson_lineMayBeABundle_andABrokenLineIsNamed_whileTheRestIsEvaluated(@TempDir Path dir)
      throws IOException {
    String ndjson =
        """
        {"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","id":"b1","birthDate":"1970-01-01"}},{"resource":{"resourceType":"Patient","id":"b2","birthDate":"1980-01-01"}}]}
        {"resourceType":"Patient","id":
        {"resourceType":"Patient","id":"b3","birthDate":"1990-01-01"}
        """;
    Path file = Files.writeString(dir.resolve("mixed.ndjson"), ndjson);

    Run run = run("--as-of", "2026-11-29", "--no-progress", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("cannot read " + file + " line 2");
    assertThat(run.lines().stream().map(JSON::readTree).map(n -> n.path("patient").asString()))
        .containsExactly("b1", "b2", "b3");
  }

  @Test
  void progress_isDrawnOnStderr_whenAsked_andClearedAtTheEnd() {
    Run run =
        run(
            "--as-of",
            "2026-11-29",
            "--progress",
            EXAMPLES.resolve("bundles/james-discharged.json").toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains(" patients").contains("100%").endsWith("\r\033[K");
    assertThat(run.lines()).hasSize(1);
  }

  private static Map<String, JsonNode> byPatient(Stream<String> lines) {
    return lines
        .map(JSON::readTree)
        .collect(Collectors.toMap(n -> n.path("patient").asString(), Function.identity()));
  }

  private static List<Path> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void explain_addsWhyToEachLine() {
    Run run =
        run(
            "--explain",
            "--as-of",
            "2026-11-29",
            EXAMPLES.resolve("bundles/james-discharged.json").toString());

    JsonNode line = JSON.readTree(run.lines().get(0));
    assertThat(line.path("explanation").path("recommendations").findValuesAsString("rule"))
        .contains("followup-post-discharge", "education-from-catalogue");
    assertThat(line.path("explanation").path("periodEnd").asString()).isEqualTo("2026-12-31");
    assertThat(
            JSON.readTree(
                    run(
                            "--as-of",
                            "2026-11-29",
                            EXAMPLES.resolve("bundles/james-discharged.json").toString())
                        .lines()
                        .get(0))
                .has("explanation"))
        .isFalse();
  }

  @Test
  void valueSetFolder_isUsedBeforeTheStarterTerminology() {
    Path valueSets =
        Path.of(System.getProperty("cocare.shared.dir", "../../shared"), "clinical", "valuesets");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isDirectory(valueSets), "../shared/clinical/valuesets not found; skipping");
    String ndjson =
        "{\"resourceType\":\"Patient\",\"id\":\"vs1\",\"birthDate\":\"1970-01-01\"}\n"
            + "{\"resourceType\":\"Procedure\",\"id\":\"p1\",\"status\":\"completed\",\"subject\":{\"reference\":\"Patient/vs1\"},"
            + "\"code\":{\"coding\":[{\"system\":\"http://www.ama-assn.org/go/cpt\",\"code\":\"44388\"}]},\"performedDateTime\":\"2025-01-01\"}\n";

    Run starterOnly = run("--as-of", "2026-11-29", write(ndjson).toString());
    Run withFolder =
        run("--as-of", "2026-11-29", "--valuesets", valueSets.toString(), write(ndjson).toString());

    // CPT 44388 (colonoscopy through stoma) is in the VSAC Colonoscopy value set but not in the
    // starter.
    assertThat(starterOnly.lines().get(0)).contains("screening-colorectal");
    assertThat(withFolder.exitCode()).as(withFolder.err()).isZero();
    assertThat(withFolder.lines().get(0)).doesNotContain("screening-colorectal");
  }

  @Test
  void missingValueSetFolder_isAClearMessage_notAStackTrace() {
    Run run =
        run(
            "--valuesets",
            "/no/such/folder",
            EXAMPLES.resolve("bundles/james-discharged.json").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("value set folder not found")
        .contains("/no/such/folder")
        .doesNotContain("\tat ");
  }

  private static Path write(String content) {
    try {
      Path file = Files.createTempFile("cocare-cli", ".ndjson");
      file.toFile().deleteOnExit();
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
