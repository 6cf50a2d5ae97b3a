package org.cocare.routes.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.cocare.routes.ApplicationIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A colorectal gap issued, announced, then closed by a colonoscopy, as the outcome endpoints show
 * it.
 */
class OutcomesApiIT extends ApplicationIT {

  @Test
  void colonoscopyAfterGap_timelineShowsIssuedThenCompletedWithTheProcedure() {
    sendGapThenColonoscopy("outcome-x");

    JsonNode colorectal = colorectal(json(get("clinician", "/api/patients/outcome-x/timeline")));
    // Planned: the reminder went into the portal inbox (the patient has no email or phone).
    assertThat(colorectal.findValuesAsString("kind"))
        .containsExactly("issued", "planned", "completed");
    JsonNode completed = colorectal.get(2);
    assertThat(completed.path("evidence").asString()).isEqualTo("Procedure/colo-outcome-x");
    assertThat(completed.path("daysToComplete").asInt()).isZero();
    assertThat(completed.path("ruleId").asString()).isNotBlank();
    assertThat(completed.path("ruleSetVersion").asString()).startsWith("cocare-default@");
    assertThat(completed.path("recommendationId").asString())
        .isEqualTo(colorectal.get(0).path("recommendationId").asString());
  }

  @Test
  void search_findsTheCompletionByKindAndCode_andIsForCliniciansOnly() {
    sendGapThenColonoscopy("outcome-y");

    JsonNode found =
        json(get("clinician", "/api/outcomes?kind=completed&code=screening-colorectal"));
    assertThat(found).hasSize(1);
    assertThat(found.get(0).path("patient").asString()).isEqualTo("outcome-y");
    assertThat(found.get(0).path("evidence").asString()).isEqualTo("Procedure/colo-outcome-y");
    assertThat(json(get("admin", "/api/outcomes?kind=issued&code=screening-colorectal&limit=5")))
        .hasSize(1);
    assertThat(json(get("clinician", "/api/outcomes?kind=completed&from=2999-01-01T00:00:00Z")))
        .isEmpty();

    assertThat(get("integration", "/api/outcomes?kind=completed").statusCode()).isEqualTo(403);
    assertThat(get("integration", "/api/patients/outcome-y/timeline").statusCode()).isEqualTo(403);
    assertThat(get(null, "/api/outcomes").statusCode()).isEqualTo(401);
  }

  @Test
  void unknownKind_isABadRequestNamingTheKnownKinds() {
    var response = get("clinician", "/api/outcomes?kind=done");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("COCARE-3002").contains("self-reported-done");
  }

  @Test
  void openApi_describesBothOutcomeEndpoints() {
    JsonNode paths = json(get(null, "/v3/api-docs")).path("paths");

    assertThat(paths.path("/api/outcomes").path("get").path("description").asString())
        .contains("Roles: clinician, admin");
    assertThat(paths.path("/api/patients/{id}/timeline").path("get").path("summary").asString())
        .contains("timeline");
  }

  /** A 58-year-old (colorectal gap open), then a colonoscopy done last month (gap closed). */
  private void sendGapThenColonoscopy(String id) {
    LocalDate today = LocalDate.now();
    String patient =
        "{\"resourceType\":\"Patient\",\"id\":\"%s\",\"birthDate\":\"%s\",\"gender\":\"female\"}"
            .formatted(id, today.minusYears(58).minusMonths(2));
    assertThat(put("integration", "/fhir/Patient/" + id, FHIR_JSON, bytes(patient)).statusCode())
        .isEqualTo(201);
    assertThat(
            json(get("clinician", "/api/patients/" + id + "/recommendations"))
                .findValuesAsString("code"))
        .contains("screening-colorectal");
    String procedure =
        ("{\"resourceType\":\"Procedure\",\"id\":\"colo-%s\",\"status\":\"completed\","
                + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
                + "\"code\":\"73761001\"}]},\"subject\":{\"reference\":\"Patient/%s\"},"
                + "\"performedDateTime\":\"%s\"}")
            .formatted(id, id, today.minusMonths(1));
    int status =
        put("integration", "/fhir/Procedure/colo-" + id, FHIR_JSON, bytes(procedure)).statusCode();
    assertThat(status).isBetween(200, 201);
  }

  private static JsonNode colorectal(JsonNode timeline) {
    List<JsonNode> events = new ArrayList<>();
    timeline.forEach(
        e -> {
          if (e.path("code").asString().equals("screening-colorectal")) {
            events.add(e);
          }
        });
    return JSON.valueToTree(events);
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
