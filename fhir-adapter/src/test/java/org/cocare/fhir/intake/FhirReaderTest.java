package org.cocare.fhir.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FhirReaderTest {
  private static final String JSON = "application/fhir+json";
  private static final String XML = "application/fhir+xml";
  private static final Path SHARED =
      Path.of(System.getProperty("cocare.shared.dir", "../../shared"));
  private static final Path EXAMPLES = Path.of("../examples");
  private static final String ECQM_CASES = "clinical/ecqm-cases";
  private static final Pattern LINE_AND_COLUMN =
      Pattern.compile("line:? *\\d+.*column:? *\\d+", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /** The validator takes seconds to warm: one reader for the whole class. */
  private static final FhirReader READER = new FhirReader(FhirContext.forR4Cached());

  private static final String PATIENT_XML =
      """
      <Patient xmlns="http://hl7.org/fhir">
        <id value="xml-1"/>
        <gender value="female"/>
        <birthDate value="1975-01-09"/>
      </Patient>
      """;

  @BeforeAll
  static void warmUp() {
    READER.warmUp();
  }

  // ---- the FHIR validator's own bad and good inputs (../shared/fhir-bad-inputs) ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectFiles")
  void rejectFile_isRefusedWithCodedLocatedErrors(Path file) throws IOException {
    assumeShared(file);
    InvalidFhirException refused =
        catchThrowableOfType(
            InvalidFhirException.class, () -> READER.read(Files.readAllBytes(file), JSON));

    assertThat(refused).as("%s must be refused", file.getFileName()).isNotNull();
    assertThat(refused.code()).isIn(ErrorCode.MALFORMED, ErrorCode.INVALID);
    assertThat(refused.httpStatus()).isEqualTo(refused.code() == ErrorCode.MALFORMED ? 400 : 422);
    List<OperationOutcomeIssueComponent> issues = refused.outcome().getIssue();
    assertThat(issues)
        .anyMatch(
            i -> i.getSeverity() == IssueSeverity.ERROR || i.getSeverity() == IssueSeverity.FATAL);
    assertThat(issues)
        .as("some issue of %s must say where the problem is", file.getFileName())
        .anyMatch(i -> isLocated(i) || refused.code() == ErrorCode.MALFORMED && hasLineColumn(i));
    assertThat(issues).allSatisfy(i -> assertThat(stableCode(i)).isEqualTo(refused.code().code()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptFiles")
  void acceptFile_isRead(Path file) throws IOException {
    assumeShared(file);
    byte[] body = Files.readAllBytes(file);

    assertThat(readOrFail(body, JSON)).isNotNull();
  }

  // ---- JSON problems, written here so they run without ../shared ----

  @Test
  void unknownElement_isRejectedWithItsLocation() {
    InvalidFhirException refused =
        refused(
            """
            {"resourceType": "Patient", "id": "p1",
             "unknownElement": "x"}
            """);

    assertThat(refused.code()).isEqualTo(ErrorCode.INVALID);
    assertThat(refused.httpStatus()).isEqualTo(422);
    assertThat(refused.outcome().getIssue())
        .anySatisfy(
            i -> {
              assertThat(i.getDiagnostics()).contains("unknownElement").containsPattern("line 2");
              assertThat(isLocated(i)).isTrue();
            });
  }

  @Test
  void unbalancedJson_isMalformedWithLineAndColumn() {
    InvalidFhirException refused =
        refused(
            """
            {"resourceType": "Patient",
             "name": [{"family": "Simmons" "given": ["Sarah"]}]}
            """);

    assertThat(refused.code()).isEqualTo(ErrorCode.MALFORMED);
    assertThat(refused.httpStatus()).isEqualTo(400);
    assertThat(refused.outcome().getIssue())
        .anyMatch(FhirReaderTest::hasLineColumn)
        .allSatisfy(i -> assertThat(stableCode(i)).isEqualTo(ErrorCode.MALFORMED.code()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"Patient\"", "null", "{\"resourceType\": \"Patient\""})
  void jsonThatIsNoResource_isMalformed(String body) {
    InvalidFhirException refused = refused(body);

    assertThat(refused.code()).isEqualTo(ErrorCode.MALFORMED);
    assertThat(refused.outcome().getIssue()).isNotEmpty();
  }

  @Test
  void unknownResourceType_isMalformed() {
    InvalidFhirException refused = refused("{\"resourceType\": \"Pateint\", \"id\": \"p1\"}");

    assertThat(refused.code()).isEqualTo(ErrorCode.MALFORMED);
    assertThat(refused.outcome().getIssue())
        .anySatisfy(i -> assertThat(i.getDiagnostics()).contains("Pateint"));
  }

  @Test
  void invalidId_isInvalidWithItsPath() {
    InvalidFhirException refused = refused("{\"resourceType\": \"Patient\", \"id\": \"bad_id\"}");

    assertThat(refused.code()).isEqualTo(ErrorCode.INVALID);
    assertThat(refused.httpStatus()).isEqualTo(422);
    assertThat(refused.outcome().getIssue())
        .anySatisfy(
            i -> {
              assertThat(i.getSeverity()).isEqualTo(IssueSeverity.ERROR);
              assertThat(i.getLocation()).extracting(Object::toString).contains("Patient.id");
              assertThat(i.getExpression()).extracting(Object::toString).contains("Patient.id");
            });
  }

  @Test
  void missingRequiredElement_isInvalid() {
    InvalidFhirException refused =
        refused(
            """
            {"resourceType": "Observation", "id": "o1",
             "code": {"text": "pain score"}, "valueInteger": 3}
            """);

    assertThat(refused.code()).isEqualTo(ErrorCode.INVALID);
    assertThat(refused.outcome().getIssue())
        .anySatisfy(i -> assertThat(i.getDiagnostics()).contains("Observation.status"));
  }

  @Test
  void parse_acceptsWhatOnlyValidationRefuses() {
    byte[] body =
        "{\"resourceType\": \"Patient\", \"id\": \"bad_id\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(READER.parse(body, JSON)).isInstanceOf(Patient.class);
    assertThat(refused(new String(body, StandardCharsets.UTF_8)).code())
        .isEqualTo(ErrorCode.INVALID);
  }

  @Test
  void parse_stillRefusesUnknownElements() {
    byte[] body =
        "{\"resourceType\": \"Patient\", \"colour\": \"blue\"}".getBytes(StandardCharsets.UTF_8);

    InvalidFhirException refused =
        catchThrowableOfType(InvalidFhirException.class, () -> READER.parse(body, JSON));

    assertThat(refused).isNotNull();
    assertThat(refused.code()).isEqualTo(ErrorCode.INVALID);
  }

  @Test
  void unknownProfilesAndLocalExtensions_areNotErrors() {
    String body =
        """
        {"resourceType": "Patient", "id": "p1",
         "meta": {"profile": ["http://hl7.org/fhir/us/qicore/StructureDefinition/qicore-patient"]},
         "extension": [{"url": "https://hospital.example.org/fhir/ext/ward", "valueString": "4B"}],
         "birthDate": "1970-01-01"}
        """;

    assertThat(READER.read(body.getBytes(StandardCharsets.UTF_8), JSON))
        .isInstanceOf(Patient.class);
  }

  @Test
  void crossVersionExtension_isNotAnError() {
    // As QI-Core content carries it (eCQM test decks): R5's DeviceRequest.doNotPerform in R4.
    String body =
        """
        {"resourceType": "DeviceRequest", "id": "d1",
         "modifierExtension": [{
           "url": "http://hl7.org/fhir/5.0/StructureDefinition/extension-DeviceRequest.doNotPerform",
           "valueBoolean": false}],
         "status": "completed", "intent": "order",
         "codeCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "183240000"}]},
         "subject": {"reference": "Patient/p1"}}
        """;

    assertThat(readOrFail(body.getBytes(StandardCharsets.UTF_8), JSON)).isNotNull();
  }

  @Test
  void unreferencedContainedResourceWithLongId_isRead() {
    String body =
        """
        {"resourceType": "Condition", "id": "c1",
         "contained": [{"resourceType": "Practitioner", "id": "%s",
                        "name": [{"family": "Person"}]}],
         "subject": {"reference": "Patient/p1"}}
        """
            .formatted("x".repeat(65));

    assertThat(readOrFail(body.getBytes(StandardCharsets.UTF_8), JSON)).isNotNull();
  }

  // ---- XML, empty bodies, byte-order marks ----

  @Test
  void xmlPatient_isReadWithXmlContentType() {
    Resource read = READER.read(PATIENT_XML.getBytes(StandardCharsets.UTF_8), XML);

    assertThat(read).isInstanceOf(Patient.class);
    assertThat(((Patient) read).getBirthDateElement().getValueAsString()).isEqualTo("1975-01-09");
  }

  @Test
  void xmlPatient_withoutContentType_isSniffed() {
    Resource read = READER.read(("\n  " + PATIENT_XML).getBytes(StandardCharsets.UTF_8), null);

    assertThat(read).isInstanceOf(Patient.class);
    assertThat(read.getIdElement().getIdPart()).isEqualTo("xml-1");
  }

  @Test
  void malformedXml_isMalformed() {
    byte[] body =
        "<Patient xmlns=\"http://hl7.org/fhir\"><id value=\"x\"/>".getBytes(StandardCharsets.UTF_8);

    InvalidFhirException refused =
        catchThrowableOfType(InvalidFhirException.class, () -> READER.read(body, XML));

    assertThat(refused).isNotNull();
    assertThat(refused.code()).isEqualTo(ErrorCode.MALFORMED);
    assertThat(refused.httpStatus()).isEqualTo(400);
    assertThat(refused.outcome().getIssue())
        .allSatisfy(i -> assertThat(stableCode(i)).isEqualTo(ErrorCode.MALFORMED.code()));
  }

  @Test
  void unknownXmlElement_isInvalid() {
    byte[] body =
        "<Patient xmlns=\"http://hl7.org/fhir\"><id value=\"x\"/><colour value=\"blue\"/></Patient>"
            .getBytes(StandardCharsets.UTF_8);

    InvalidFhirException refused =
        catchThrowableOfType(InvalidFhirException.class, () -> READER.read(body, XML));

    assertThat(refused).isNotNull();
    assertThat(refused.code()).isEqualTo(ErrorCode.INVALID);
    assertThat(refused.outcome().getIssue())
        .anySatisfy(i -> assertThat(i.getDiagnostics()).contains("colour"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\n\t\n"})
  void emptyBody_isMalformed(String body) {
    InvalidFhirException refused = refused(body);

    assertThat(refused.code()).isEqualTo(ErrorCode.MALFORMED);
    assertThat(refused.httpStatus()).isEqualTo(400);
    assertThat(refused.outcome().getIssue())
        .singleElement()
        .satisfies(i -> assertThat(stableCode(i)).isEqualTo(ErrorCode.MALFORMED.code()));
  }

  @Test
  void bodyWithUtf8ByteOrderMark_isRead() {
    byte[] json =
        "{\"resourceType\": \"Patient\", \"id\": \"bom\"}".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[json.length + 3];
    body[0] = (byte) 0xEF;
    body[1] = (byte) 0xBB;
    body[2] = (byte) 0xBF;
    System.arraycopy(json, 0, body, 3, json.length);

    assertThat(READER.read(body, JSON).getIdElement().getIdPart()).isEqualTo("bom");
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {
        "application/fhir+xml, {}, XML",
        "text/xml; charset=UTF-8, {}, XML",
        "application/fhir+json, <x/>, JSON",
        "application/json, <x/>, JSON",
        "NULL, '  <Patient/>', XML",
        "NULL, {}, JSON",
        "application/octet-stream, <Patient/>, XML",
        "text/plain, {}, JSON"
      })
  void encoding_followsContentTypeElseFirstCharacter(
      String contentType, String body, EncodingEnum expected) {
    assertThat(FhirReader.encodingOf(contentType, body)).isEqualTo(expected);
  }

  // ---- content we ship and real-world content ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleFiles")
  void exampleFile_isRead(Path file) throws IOException {
    byte[] body = Files.readAllBytes(file);

    assertThat(readOrFail(body, file.toString().endsWith(".xml") ? XML : JSON)).isNotNull();
  }

  /**
   * One resource of each type from the eCQM test decks, plus every one that uses a cross-version
   * extension: QI-Core content whose profiles we do not hold must not be refused.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("ecqmResources")
  void ecqmResource_isRead(Path file) throws IOException {
    assumeShared(file);
    byte[] body = Files.readAllBytes(file);

    assertThat(readOrFail(body, JSON)).isNotNull();
  }

  /**
   * The first test-deck bundle of each measure, without its MeasureReport: that is the expected
   * result, never record content (shared/clinical/README.md), and the MADiE export repeats element
   * ids in it, which R4 forbids.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("ecqmBundles")
  void ecqmBundle_withoutItsMeasureReport_isRead(Path file) throws IOException {
    assumeShared(file);
    byte[] body = withoutMeasureReports(Files.readAllBytes(file));

    Resource read = readOrFail(body, JSON);

    assertThat(read).isInstanceOf(Bundle.class);
    assertThat(((Bundle) read).getEntry()).isNotEmpty();
  }

  // ---- helpers ----

  /** Reads, or fails with every issue of the outcome, so a refusal says why. */
  private static Resource readOrFail(byte[] body, String contentType) {
    try {
      return READER.read(body, contentType);
    } catch (InvalidFhirException e) {
      StringBuilder issues = new StringBuilder();
      for (OperationOutcomeIssueComponent issue : e.outcome().getIssue()) {
        issues
            .append("\n  ")
            .append(issue.getLocation())
            .append(' ')
            .append(issue.getDiagnostics());
      }
      throw new AssertionError("refused as " + e.code() + ":" + issues, e);
    }
  }

  private static InvalidFhirException refused(String body) {
    InvalidFhirException refused =
        catchThrowableOfType(
            InvalidFhirException.class,
            () -> READER.read(body.getBytes(StandardCharsets.UTF_8), JSON));
    assertThat(refused).as("refused: %s", body).isNotNull();
    return refused;
  }

  private static boolean isLocated(OperationOutcomeIssueComponent issue) {
    return issue.getLocation().stream().anyMatch(l -> !l.isEmpty() && !l.getValue().isBlank())
        || issue.getExpression().stream().anyMatch(e -> !e.isEmpty() && !e.getValue().isBlank());
  }

  private static boolean hasLineColumn(OperationOutcomeIssueComponent issue) {
    return issue.getDiagnostics() != null && LINE_AND_COLUMN.matcher(issue.getDiagnostics()).find();
  }

  private static String stableCode(OperationOutcomeIssueComponent issue) {
    return issue.getDetails().getCoding().stream()
        .filter(c -> ErrorCode.SYSTEM.equals(c.getSystem()))
        .map(c -> c.getCode())
        .findFirst()
        .orElse(null);
  }

  private static byte[] withoutMeasureReports(byte[] bundle) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(bundle);
    ArrayNode kept = mapper.createArrayNode();
    for (JsonNode entry : root.path("entry")) {
      if (!"MeasureReport".equals(entry.path("resource").path("resourceType").asText())) {
        kept.add(entry);
      }
    }
    root.set("entry", kept);
    return mapper.writeValueAsBytes(root);
  }

  static Stream<Named<Path>> rejectFiles() {
    return sharedFiles("fhir-bad-inputs/reject", "*.json");
  }

  static Stream<Named<Path>> acceptFiles() {
    return sharedFiles("fhir-bad-inputs/accept", "*.json");
  }

  static Stream<Named<Path>> exampleFiles() {
    return Stream.of("bundles", "messages", "patient-dir")
        .flatMap(folder -> filesIn(EXAMPLES.resolve(folder), "*.{json,xml}"));
  }

  static Stream<Named<Path>> ecqmResources() throws IOException {
    Path cases = SHARED.resolve(ECQM_CASES);
    if (!Files.isDirectory(cases)) {
      return missing(ECQM_CASES);
    }
    Map<String, Path> firstOfType = new LinkedHashMap<>();
    List<Path> crossVersion = new ArrayList<>();
    for (Path file : caseFiles(cases)) {
      String name = file.getFileName().toString();
      String type = name.substring(0, name.indexOf('-'));
      if (type.equals("MeasureReport") || name.matches("CMS\\d+FHIR-.*")) {
        continue;
      }
      if (firstOfType.putIfAbsent(type, file) != null
          && Files.readString(file).contains("http://hl7.org/fhir/5.0/StructureDefinition/")) {
        crossVersion.add(file);
      }
    }
    assertThat(firstOfType).as("resource types in %s", cases).hasSizeGreaterThanOrEqualTo(8);
    return Stream.concat(firstOfType.values().stream(), crossVersion.stream())
        .map(f -> Named.of(cases.relativize(f).toString(), f));
  }

  static Stream<Named<Path>> ecqmBundles() throws IOException {
    Path cases = SHARED.resolve(ECQM_CASES);
    if (!Files.isDirectory(cases)) {
      return missing(ECQM_CASES);
    }
    Map<String, Path> firstOfMeasure = new LinkedHashMap<>();
    for (Path file : caseFiles(cases)) {
      if (file.getFileName().toString().matches("CMS\\d+FHIR-.*\\.json")) {
        firstOfMeasure.putIfAbsent(cases.relativize(file).getName(0).toString(), file);
      }
    }
    assertThat(firstOfMeasure).as("measure bundles in %s", cases).hasSizeGreaterThanOrEqualTo(3);
    return firstOfMeasure.values().stream().map(f -> Named.of(cases.relativize(f).toString(), f));
  }

  /** Every file two folders below {@code cases} (measure/patient/file), in a stable order. */
  private static List<Path> caseFiles(Path cases) throws IOException {
    try (Stream<Path> files = Files.find(cases, 3, (p, a) -> a.isRegularFile())) {
      return files.filter(p -> cases.relativize(p).getNameCount() == 3).sorted().toList();
    }
  }

  private static Stream<Named<Path>> sharedFiles(String folder, String glob) {
    Path dir = SHARED.resolve(folder);
    return Files.isDirectory(dir) ? filesIn(dir, glob) : missing(folder);
  }

  /**
   * One invocation naming the missing folder, which {@link #assumeShared} skips with a message: a
   * source that aborts would drop the test from the report without a word.
   */
  private static Stream<Named<Path>> missing(String folder) {
    return Stream.of(Named.of("../shared/" + folder + " not found", SHARED.resolve(folder)));
  }

  private static void assumeShared(Path file) {
    assumeTrue(
        Files.isRegularFile(file),
        () -> "../shared/" + SHARED.relativize(file) + " not found: " + file.toAbsolutePath());
  }

  private static Stream<Named<Path>> filesIn(Path dir, String glob) {
    List<Path> files = new ArrayList<>();
    try (var stream = Files.newDirectoryStream(dir, glob)) {
      stream.forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(files).as("files in %s", dir).isNotEmpty();
    return files.stream().sorted().map(f -> Named.of(f.getFileName().toString(), f));
  }
}
