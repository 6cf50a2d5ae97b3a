package org.cocare.routes.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cocare.fhir.server.IngestFilter;
import org.cocare.routes.ApplicationIT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** FHIR in over real HTTP, recommendations out through FHIR search and the JSON API. */
class FhirIngestIT extends ApplicationIT {
  static final String MARIA = "60717189-2e24-48b6-905a-aa1f416c0091";
  static final String JAMES = "45ddcf77-c0d2-4882-bf32-66ee840daea0";
  static final String RULE_ID = "https://cocare.org/fhir/StructureDefinition/rule-id";
  static final String RULE_SET_VERSION =
      "https://cocare.org/fhir/StructureDefinition/rule-set-version";

  @Test
  void transactionBundle_yieldsPersistedRecommendations_visibleAsFhirAndJson() {
    HttpResponse<String> posted =
        post("integration", "/fhir", FHIR_JSON, example("bundles/maria-diabetes.json"));

    assertThat(posted.statusCode()).isEqualTo(200);
    assertThat(json(posted).path("type").asString()).isEqualTo("transaction-response");
    assertThat(posted.headers().firstValue(IngestFilter.MESSAGE_ID_HEADER)).isPresent();

    JsonNode search = json(get("clinician", "/fhir/CommunicationRequest?subject=Patient/" + MARIA));
    JsonNode api = json(get("clinician", "/api/patients/" + MARIA + "/recommendations"));
    assertThat(search.path("total").asInt()).isEqualTo(api.size()).isPositive();
    List<String> codes = new ArrayList<>();
    for (JsonNode entry : search.path("entry")) {
      JsonNode request = entry.path("resource");
      codes.add(request.path("reasonCode").get(0).path("coding").get(0).path("code").asString());
      assertThat(extension(request, RULE_ID)).isNotBlank();
      assertThat(extension(request, RULE_SET_VERSION)).isEqualTo("cocare-default@1");
      assertThat(request.path("reasonCode").get(0).path("text").asString()).isNotBlank();
      assertThat(request.path("reasonReference").get(0).path("reference").asString())
          .matches("(Patient|Condition)/.+");
      assertThat(request.path("status").asString()).isEqualTo("active");
    }
    assertThat(codes).contains("education-diabetes-self-management", "screening-colorectal");

    for (JsonNode recommendation : api) {
      assertThat(recommendation.path("ruleId").asString()).isNotBlank();
      assertThat(recommendation.path("ruleSetVersion").asString()).isEqualTo("cocare-default@1");
      assertThat(recommendation.path("reason").asString()).isNotBlank();
      assertThat(recommendation.path("evidence").size()).isPositive();
      assertThat(recommendation.path("status").asString()).isEqualTo("open");
    }
  }

  @Test
  void followUp_isATaskForTheCareTeam() {
    post("integration", "/fhir", FHIR_JSON, example("bundles/james-discharged.json"));

    JsonNode tasks = json(get("clinician", "/fhir/Task?patient=Patient/" + JAMES));

    assertThat(tasks.path("total").asInt()).isEqualTo(1);
    JsonNode task = tasks.path("entry").get(0).path("resource");
    assertThat(task.path("status").asString()).isEqualTo("requested");
    assertThat(task.path("priority").asString()).isEqualTo("urgent");
    assertThat(task.path("for").path("reference").asString()).isEqualTo("Patient/" + JAMES);
    assertThat(extension(task, RULE_ID)).isEqualTo("followup-post-discharge");
    String id = task.path("id").asString();
    assertThat(get("clinician", "/fhir/Task/" + id).statusCode()).isEqualTo(200);
    assertThat(get("clinician", "/fhir/CommunicationRequest/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void sameBundleTwice_leavesExactlyOneSetOfRecommendations() {
    byte[] bundle = example("bundles/maria-diabetes.json");
    HttpResponse<String> first = post("integration", "/fhir", FHIR_JSON, bundle);
    int issued = count("recommendations");
    HttpResponse<String> second = post("integration", "/fhir", FHIR_JSON, bundle);

    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.headers().firstValue(IngestFilter.MESSAGE_ID_HEADER))
        .isEqualTo(first.headers().firstValue(IngestFilter.MESSAGE_ID_HEADER));
    assertThat(second.body()).contains("Duplicate of message");
    assertThat(issued).isPositive();
    assertThat(count("recommendations")).isEqualTo(issued);
    assertThat(count("messages")).isEqualTo(1);
  }

  @Test
  void xmlBundle_messageBundle_andSingleResources_areAccepted() {
    assertThat(
            post("integration", "/fhir", "application/fhir+xml", example("bundles/ana-fobt.xml"))
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> message =
        post(
            "integration",
            "/fhir/$process-message",
            FHIR_JSON,
            example("messages/admission-message.json"));
    assertThat(message.statusCode()).isEqualTo(200);
    assertThat(message.body()).contains("processed");
    HttpResponse<String> again =
        post(
            "integration",
            "/fhir/$process-message",
            FHIR_JSON,
            example("messages/admission-message.json"));
    assertThat(again.body()).contains("Duplicate of message");

    String patient =
        "{\"resourceType\":\"Patient\",\"id\":\"solo-1\",\"birthDate\":\"1960-01-01\"}";
    HttpResponse<String> put =
        put("integration", "/fhir/Patient/solo-1", FHIR_JSON, patient.getBytes());
    assertThat(put.statusCode()).isBetween(200, 201);
    assertThat(
            json(get("clinician", "/api/patients/solo-1/recommendations"))
                .findValuesAsString("code"))
        .contains("screening-colorectal")
        .doesNotContain("education-diabetes-self-management");
    String condition =
        "<Condition xmlns=\"http://hl7.org/fhir\"><clinicalStatus><coding><system value=\"http://terminology.hl7.org/CodeSystem/condition-clinical\"/>"
            + "<code value=\"active\"/></coding></clinicalStatus><code><coding><system value=\"http://snomed.info/sct\"/><code value=\"44054006\"/></coding></code>"
            + "<subject><reference value=\"Patient/solo-1\"/></subject></Condition>";
    assertThat(
            post("integration", "/fhir/Condition", "application/fhir+xml", condition.getBytes())
                .statusCode())
        .isBetween(200, 201);
    assertThat(get("clinician", "/api/patients/solo-1/recommendations").body())
        .contains("education-diabetes-self-management");
  }

  @Test
  void capabilityStatement_isServed() {
    HttpResponse<String> metadata = get("clinician", "/fhir/metadata");

    assertThat(metadata.statusCode()).isEqualTo(200);
    assertThat(json(metadata).path("resourceType").asString()).isEqualTo("CapabilityStatement");
    assertThat(metadata.body()).contains("\"Patient\"").contains("\"CommunicationRequest\"");
  }

  static Stream<Path> rejectFiles() throws IOException {
    return sharedFiles("reject");
  }

  static Stream<Path> acceptFiles() throws IOException {
    return sharedFiles("accept");
  }

  @ParameterizedTest
  @MethodSource("rejectFiles")
  void badInput_gets4xxOutcome_changesNoRecord_andIsKeptAsRejected(Path file) throws IOException {
    int resources = count("patient_resources");

    HttpResponse<String> response =
        post("integration", "/fhir", FHIR_JSON, Files.readAllBytes(file));

    assertThat(response.statusCode()).isBetween(400, 499);
    JsonNode outcome = json(response);
    assertThat(outcome.path("resourceType").asString()).isEqualTo("OperationOutcome");
    assertThat(outcome.path("issue").size()).isPositive();
    assertThat(outcome.path("issue").get(0).path("diagnostics").asString()).isNotBlank();
    assertThat(count("patient_resources")).isEqualTo(resources);
    String messageId = response.headers().firstValue(IngestFilter.MESSAGE_ID_HEADER).orElseThrow();
    JsonNode stored = json(get("integration", "/api/messages/" + messageId));
    assertThat(stored.path("status").asString()).isEqualTo("rejected");
    assertThat(stored.path("detail").asString()).contains("OperationOutcome");
    assertThat(json(get("integration", "/api/messages?status=rejected")).findValuesAsString("id"))
        .contains(messageId);
  }

  @ParameterizedTest
  @MethodSource("acceptFiles")
  void validInput_isNeverReportedAsMalformedOrInvalid(Path file) throws IOException {
    JsonNode resource = JSON.readTree(Files.readAllBytes(file));
    String type = resource.path("resourceType").asString();
    String path = "Bundle".equals(type) ? "/fhir" : "/fhir/" + type;

    HttpResponse<String> response = post("integration", path, FHIR_JSON, Files.readAllBytes(file));

    if (response.statusCode() >= 400) {
      assertThat(response.statusCode()).as(response.body()).isLessThan(500);
      assertThat(response.body()).doesNotContain("COCARE-1001").doesNotContain("COCARE-1002");
      assertThat(response.body()).contains("COCARE-1003");
    }
  }

  static Stream<Path> sharedFiles(String folder) throws IOException {
    Path dir =
        Path.of(System.getProperty("cocare.shared.dir", "../../shared"), "fhir-bad-inputs", folder);
    assumeTrue(
        Files.isDirectory(dir),
        "../shared/fhir-bad-inputs not found at " + dir.toAbsolutePath() + "; skipping");
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  private static String extension(JsonNode resource, String url) {
    for (JsonNode extension : resource.path("extension")) {
      if (url.equals(extension.path("url").asString())) {
        return extension.path("valueString").asString();
      }
    }
    return null;
  }
}
