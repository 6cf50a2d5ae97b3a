package org.cocare.routes.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cocare.routes.ApplicationIT;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What the portal tests share: a 58-year-old woman (the colorectal screening gap is open) sent
 * through the FHIR API, her patient token, and requests made with it.
 */
abstract class PortalTestBase extends ApplicationIT {
  static final String JSON_TYPE = "application/json";

  @Autowired PortalLinks links;

  /**
   * Sends (creates or updates) a 58-year-old woman with an email address and, unless null, a
   * preferred language. Each body is new (a fresh identifier), so it is evaluated again.
   */
  void sendPatient(String id, String language) {
    String communication =
        language == null
            ? ""
            : ",\"communication\":[{\"language\":{\"coding\":[{\"system\":\"urn:ietf:bcp:47\","
                + "\"code\":\""
                + language
                + "\"}]},\"preferred\":true}]";
    String patient =
        ("{\"resourceType\":\"Patient\",\"id\":\"%s\",\"identifier\":[{\"system\":"
                + "\"urn:cocare:test\",\"value\":\"%s\"}],\"birthDate\":\"%s\","
                + "\"gender\":\"female\",\"telecom\":[{\"system\":\"email\",\"value\":"
                + "\"%s@example.org\",\"rank\":1}]%s}")
            .formatted(
                id,
                UUID.randomUUID(),
                LocalDate.now(ZoneOffset.UTC).minusYears(58).minusMonths(2),
                id,
                communication);
    int status =
        put(
                "integration",
                "/fhir/Patient/" + id,
                FHIR_JSON,
                patient.getBytes(StandardCharsets.UTF_8))
            .statusCode();
    assertThat(status).isBetween(200, 201);
  }

  /** The id of the patient's open recommendation with this code. */
  String openRecommendation(String patientId, String code) {
    return jdbc.sql(
            "select id from recommendations where patient_id = ? and code = ? and status = 'open'")
        .params(patientId, code)
        .query(String.class)
        .single();
  }

  HttpResponse<String> getAs(String token, String path) {
    return send(null, bearer(token, HttpRequest.newBuilder(uri(path)).GET()));
  }

  HttpResponse<String> postAs(String token, String path, String json) {
    return send(
        null,
        bearer(
            token,
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", JSON_TYPE)
                .POST(
                    json == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))));
  }

  private static HttpRequest.Builder bearer(String token, HttpRequest.Builder request) {
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  /** The patient's outcome events (as a clinician sees them) for one code, oldest first. */
  List<JsonNode> timeline(String patientId, String code) {
    List<JsonNode> events = new ArrayList<>();
    json(get("clinician", "/api/patients/" + patientId + "/timeline"))
        .forEach(
            e -> {
              if (e.path("code").asString().equals(code)) {
                events.add(e);
              }
            });
    return events;
  }

  List<String> kinds(String patientId, String code) {
    return timeline(patientId, code).stream().map(e -> e.path("kind").asString()).toList();
  }

  static String items(String patientId) {
    return PortalApi.BASE.replace("{patientId}", patientId) + "/items";
  }

  static String item(String patientId, String recommendationId, String action) {
    return items(patientId) + "/" + recommendationId + "/" + action;
  }
}
